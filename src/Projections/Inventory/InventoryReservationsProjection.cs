using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Programs;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace EventSourced.Projections.Inventory;

/// <summary>Projects reservation events into <c>inventory_reservations</c> (inline, plain SQL).</summary>
public sealed class InventoryReservationsProjection : EventProjection
{
    public const string ProjectionName = InventoryReservationsTable.Name;

    private readonly string _table;

    public InventoryReservationsProjection(string schema)
    {
        Name = ProjectionName;
        var table = InventoryReservationsTable.Define(schema);
        SchemaObjects.Add(table);
        Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        _table = table.Identifier.QualifiedName;
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
                    $"insert into {_table} (id, campaign_id, approval_id, seats, budget_amount, budget_currency, start_date, end_date, status, " +
                    "created_at, updated_at) values (?, ?, ?, ?, ?::numeric, ?::text, ?::date, ?::date, ?, ?, ?)",
                    r.ReservationId, r.CampaignId, r.ApprovalId, r.Seats, r.Budget?.Amount!, r.Budget?.Currency!, r.StartDate!, r.EndDate!,
                    ProgramDecisions.StatusName(ReservationStatus.Reserved), r.ReservedAt, r.ReservedAt);
                break;
            case ReservationConverted c:
                operations.QueueSqlCommand($"update {_table} set status = ?, order_id = ?, updated_at = ? where id = ?",
                    ProgramDecisions.StatusName(ReservationStatus.Converted), c.OrderId, c.ConvertedAt, c.ReservationId);
                break;
            case ReservationReleased r:
                operations.QueueSqlCommand($"update {_table} set status = ?, release_reason = ?, updated_at = ? where id = ?",
                    ProgramDecisions.StatusName(ReservationStatus.Released), r.Reason, r.ReleasedAt, r.ReservationId);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
