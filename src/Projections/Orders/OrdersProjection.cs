using EventSourced.Domain.Orders.Events;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;

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

    public override RowChange? Change(IEvent e) => e.Data is OrderCreated o
        ? Insert(e, o.OrderId, ("campaign_id", o.CampaignId), ("approval_id", o.ApprovalId), ("reservation_id", o.ReservationId),
            ("seats", o.Seats), ("amount", o.Amount?.Amount), ("currency", o.Amount?.Currency), ("created_at", o.CreatedAt))
        : null;
}
