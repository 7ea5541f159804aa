using EventSourced.Projections.ReadTables;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.Orders;

/// <summary><c>orders</c>: approved campaigns. One order per approval, enforced by a unique index (within a tenant).</summary>
internal static class OrdersTable
{
    public const string Name = "orders";

    public static Table Define(string schema) => TenantKeyedTable.Create(schema, Name, table =>
    {
        table.AddColumn<Guid>("campaign_id").NotNull();
        table.AddColumn<Guid>("approval_id").NotNull();
        table.AddColumn<Guid>("reservation_id").NotNull();
        table.AddColumn<int>("seats").NotNull();
        table.AddColumn("amount", "numeric").AllowNulls();
        table.AddColumn("currency", "text").AllowNulls();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        table.Indexes.Add(new IndexDefinition("ux_orders_approval") { Columns = [TenantKeyedTable.TenantColumn, "approval_id"], IsUnique = true });
        table.Indexes.Add(new IndexDefinition("ix_orders_campaign") { Columns = ["campaign_id"] });
    });
}
