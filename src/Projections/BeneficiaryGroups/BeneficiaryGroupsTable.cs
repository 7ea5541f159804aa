using EventSourced.Projections.ReadTables;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.BeneficiaryGroups;

/// <summary><c>beneficiary_groups</c>: the demographic groups programs serve.</summary>
internal static class BeneficiaryGroupsTable
{
    public const string Name = "beneficiary_groups";

    public static Table Define(string schema) => TenantKeyedTable.Create(schema, Name, table =>
    {
        table.AddColumn("name", "text").NotNull();
        table.AddColumn("description", "text").AllowNulls();
        table.AddColumn("region", "text").AllowNulls();
        table.AddColumn("tags", "text[]").NotNull();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        table.AddColumn<DateTimeOffset>("updated_at").NotNull();
    });
}
