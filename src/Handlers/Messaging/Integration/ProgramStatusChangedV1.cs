using Wolverine.Attributes;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary><c>program.status-changed</c>: a program moved between draft, active, paused and archived.</summary>
[MessageIdentity(Key, Version = 1)]
public sealed record ProgramStatusChangedV1(
    Guid MessageId, Guid StreamId, string TenantId, DateTimeOffset RecordedAt, Guid ProgramId, string From, string To) : IIntegrationEvent
{
    public const string Key = "program.status-changed";

    public string RoutingKey => Key;
}
