using Wolverine.Attributes;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary><c>template.published</c>: a program template version became the one new programs are created from.</summary>
[MessageIdentity(Key, Version = 1)]
public sealed record TemplatePublishedV1(Guid MessageId, Guid StreamId, string TenantId, DateTimeOffset RecordedAt, Guid TemplateId)
    : IIntegrationEvent
{
    public const string Key = "template.published";

    public string RoutingKey => Key;
}
