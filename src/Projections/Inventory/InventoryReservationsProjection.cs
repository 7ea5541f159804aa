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
                operations.QueueSqlCommand(
                    $"insert into {TableName} (id, campaign_id, approval_id, seats, budget_amount, budget_currency, start_date, end_date, status, " +
                    "created_at, updated_at) values (?, ?, ?, ?, ?::numeric, ?::text, ?::date, ?::date, ?, ?, ?)",
                    r.ReservationId, r.CampaignId, r.ApprovalId, r.Seats, r.Budget?.Amount!, r.Budget?.Currency!, r.StartDate!, r.EndDate!,
                    ProgramDecisions.StatusName(ReservationStatus.Reserved), r.ReservedAt, r.ReservedAt);
                break;
            case ReservationConverted c:
                operations.QueueSqlCommand($"update {TableName} set status = ?, order_id = ?, updated_at = ? where id = ?",
                    ProgramDecisions.StatusName(ReservationStatus.Converted), c.OrderId, c.ConvertedAt, c.ReservationId);
                break;
            case ReservationReleased r:
                operations.QueueSqlCommand($"update {TableName} set status = ?, release_reason = ?, updated_at = ? where id = ?",
                    ProgramDecisions.StatusName(ReservationStatus.Released), r.Reason, r.ReleasedAt, r.ReservationId);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
