using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;

namespace EventSourced.Projections.Inventory;

/// <summary>Projects reservation events into <c>inventory_reservations</c> (inline, plain SQL).</summary>
public sealed class InventoryReservationsProjection : ReadTableProjection
{
    public const string ProjectionName = InventoryReservationsTable.Name;

    public InventoryReservationsProjection(string schema)
        : base(InventoryReservationsTable.Define(schema))
    {
        IncludeType<InventoryReserved>();
        IncludeType<ReservationConverted>();
        IncludeType<ReservationReleased>();
    }

    public override RowChange? Change(IEvent e) => e.Data switch
    {
        InventoryReserved r => Insert(e, r.ReservationId, ("campaign_id", r.CampaignId), ("approval_id", r.ApprovalId), ("seats", r.Seats),
            ("budget_amount", r.Budget?.Amount), ("budget_currency", r.Budget?.Currency), ("start_date", r.StartDate), ("end_date", r.EndDate),
            ("status", WireNames.Of(ReservationStatus.Reserved)), ("created_at", r.ReservedAt), ("updated_at", r.ReservedAt)),
        ReservationConverted c => Update(e, c.ReservationId, ("status", WireNames.Of(ReservationStatus.Converted)),
            ("order_id", c.OrderId), ("updated_at", c.ConvertedAt)),
        ReservationReleased r => Update(e, r.ReservationId, ("status", WireNames.Of(ReservationStatus.Released)),
            ("release_reason", r.Reason), ("updated_at", r.ReleasedAt)),
        _ => null,
    };
}
