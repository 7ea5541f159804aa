using EventSourced.Domain.Campaigns;

namespace EventSourced.Domain.Inventory.Events;

/// <summary>Seats (the campaign's maxEnrollment) and its budget held for the campaign's dates while an approval is pending.</summary>
public sealed record InventoryReserved(
    Guid ReservationId,
    Guid CampaignId,
    Guid ApprovalId,
    int Seats,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    DateTimeOffset ReservedAt);
