using Wolverine.Attributes;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary><c>approval.decided</c>: a reviewer approved (with the order it created) or rejected an approval.</summary>
[MessageIdentity(Key, Version = 1)]
public sealed record ApprovalDecidedV1(
    Guid MessageId, Guid StreamId, string TenantId, DateTimeOffset RecordedAt,
    Guid ApprovalId, string Decision, string ReviewerId, string? Reason, Guid? OrderId) : IIntegrationEvent
{
    public const string Key = "approval.decided";

    public const string Approved = "approved";

    public const string Rejected = "rejected";

    public string RoutingKey => Key;
}
