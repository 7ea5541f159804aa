using Wolverine.Attributes;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary><c>approval.requested</c>: a campaign crossed 90 % and waits for a reviewer (runbook 002).</summary>
[MessageIdentity(Key, Version = 1)]
public sealed record ApprovalRequestedV1(
    Guid MessageId, Guid StreamId, string TenantId, DateTimeOffset RecordedAt,
    Guid ApprovalId, Guid CampaignId, Guid ReservationId, int ProbabilityBefore, int ProbabilityAfter) : IIntegrationEvent
{
    public const string Key = "approval.requested";

    public string RoutingKey => Key;
}
