using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Inventory.Events;

namespace EventSourced.Domain.Inventory;

/// <summary>An inventory reservation's state, folded from its stream.</summary>
public sealed record ReservationState(
    Guid Id,
    Guid CampaignId,
    Guid ApprovalId,
    int Seats,
    Budget? Budget,
    ReservationStatus Status,
    Guid? OrderId,
    DateTimeOffset ReservedAt,
    DateTimeOffset UpdatedAt)
{
    public static ReservationState From(InventoryReserved e) =>
        new(e.ReservationId, e.CampaignId, e.ApprovalId, e.Seats, e.Budget, ReservationStatus.Reserved, null, e.ReservedAt, e.ReservedAt);

    public ReservationState When(ReservationConverted e) =>
        this with { Status = ReservationStatus.Converted, OrderId = e.OrderId, UpdatedAt = e.ConvertedAt };

    public ReservationState When(ReservationReleased e) => this with { Status = ReservationStatus.Released, UpdatedAt = e.ReleasedAt };

    public static ReservationState? Evolve(ReservationState? state, object e) => e switch
    {
        InventoryReserved reserved => From(reserved),
        ReservationConverted converted => state?.When(converted),
        ReservationReleased released => state?.When(released),
        _ => state,
    };
}
