using EventSourced.Domain.Orders.Events;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace EventSourced.Projections.Orders;

/// <summary>Projects order events into <c>orders</c> (inline, plain SQL).</summary>
public sealed class OrdersProjection : EventProjection
{
    public const string ProjectionName = OrdersTable.Name;

    private readonly string _table;

    public OrdersProjection(string schema)
    {
        Name = ProjectionName;
        var table = OrdersTable.Define(schema);
        SchemaObjects.Add(table);
        Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        _table = table.Identifier.QualifiedName;
        IncludeType<OrderCreated>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is OrderCreated o)
        {
            operations.QueueSqlCommand(
                $"insert into {_table} (id, campaign_id, approval_id, reservation_id, seats, amount, currency, created_at) " +
                "values (?, ?, ?, ?, ?, ?::numeric, ?::text, ?)",
                o.OrderId, o.CampaignId, o.ApprovalId, o.ReservationId, o.Seats, o.Amount?.Amount!, o.Amount?.Currency!, o.CreatedAt);
        }

        return ValueTask.CompletedTask;
    }
}
