using EventSourced.Projections.ReadTables;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.Inventory;

/// <summary><c>inventory_reservations</c>: seats and budget held for a campaign while its approval is pending.</summary>
internal static class InventoryReservationsTable
{
    public const string Name = "inventory_reservations";

    public static Table Define(string schema) => TenantKeyedTable.Create(schema, Name, table =>
    {
        table.AddColumn<Guid>("campaign_id").NotNull();
        table.AddColumn<Guid>("approval_id").NotNull();
        table.AddColumn<int>("seats").NotNull();
        table.AddColumn("budget_amount", "numeric").AllowNulls();
        table.AddColumn("budget_currency", "text").AllowNulls();
        table.AddColumn("start_date", "date").AllowNulls();
        table.AddColumn("end_date", "date").AllowNulls();
        table.AddColumn("status", "text").NotNull();
        table.AddColumn<Guid>("order_id").AllowNulls();
        table.AddColumn("release_reason", "text").AllowNulls();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        table.AddColumn<DateTimeOffset>("updated_at").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_inventory_reservations_campaign") { Columns = ["campaign_id"] });
    });
}
