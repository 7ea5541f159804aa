using Wolverine.Attributes;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary><c>order.created</c>: an approved campaign's order, with the seats reserved for it.</summary>
[MessageIdentity(Key, Version = 1)]
public sealed record OrderCreatedV1(
    Guid MessageId, Guid StreamId, string TenantId, DateTimeOffset RecordedAt,
    Guid OrderId, Guid CampaignId, Guid ApprovalId, Guid ReservationId, int Seats) : IIntegrationEvent
{
    public const string Key = "order.created";

    public string RoutingKey => Key;
}
