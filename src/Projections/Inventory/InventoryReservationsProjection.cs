using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Programs;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

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

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case InventoryReserved r:
                Insert(operations, e,
                    "id, campaign_id, approval_id, seats, budget_amount, budget_currency, start_date, end_date, status, created_at, updated_at",
                    "?, ?, ?, ?, ?::numeric, ?::text, ?::date, ?::date, ?, ?, ?",
                    r.ReservationId, r.CampaignId, r.ApprovalId, r.Seats, r.Budget?.Amount!, r.Budget?.Currency!, r.StartDate!, r.EndDate!,
                    ProgramDecisions.StatusName(ReservationStatus.Reserved), r.ReservedAt, r.ReservedAt);
                break;
            case ReservationConverted c:
                Update(operations, e, c.ReservationId, "status = ?, order_id = ?, updated_at = ?",
                    ProgramDecisions.StatusName(ReservationStatus.Converted), c.OrderId, c.ConvertedAt);
                break;
            case ReservationReleased r:
                Update(operations, e, r.ReservationId, "status = ?, release_reason = ?, updated_at = ?",
                    ProgramDecisions.StatusName(ReservationStatus.Released), r.Reason, r.ReleasedAt);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
