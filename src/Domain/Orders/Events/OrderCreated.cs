using EventSourced.Domain.Campaigns;

namespace EventSourced.Domain.Orders.Events;

/// <summary>An approved campaign became an order, taking over its reservation. <see cref="Amount"/> is the campaign's
/// budget (null when the campaign has none).</summary>
public sealed record OrderCreated(Guid OrderId, Guid CampaignId, Guid ApprovalId, Guid ReservationId, int Seats, Budget? Amount, DateTimeOffset CreatedAt);
