using EventSourced.Domain.Orders.Events;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

namespace EventSourced.Projections.Orders;

/// <summary>Projects order events into <c>orders</c> (inline, plain SQL).</summary>
public sealed class OrdersProjection : ReadTableProjection
{
    public const string ProjectionName = OrdersTable.Name;

    public OrdersProjection(string schema)
        : base(OrdersTable.Define(schema))
    {
        IncludeType<OrderCreated>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is OrderCreated o)
        {
            Insert(operations, e, "id, campaign_id, approval_id, reservation_id, seats, amount, currency, created_at",
                "?, ?, ?, ?, ?, ?::numeric, ?::text, ?",
                o.OrderId, o.CampaignId, o.ApprovalId, o.ReservationId, o.Seats, o.Amount?.Amount!, o.Amount?.Currency!, o.CreatedAt);
        }

        return ValueTask.CompletedTask;
    }
}
