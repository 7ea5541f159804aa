using EventSourced.Projections.ReadTables;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.Programs;

/// <summary>
/// <c>programs</c>, as the runbook queries it. The unique index on (tenant_id, program_key) is what keeps keys unique (per tenant) under
/// concurrent creates: the row is written in the events' transaction, so a duplicate rolls back the events too.
/// </summary>
internal static class ProgramsTable
{
    public const string Name = "programs";
    public const string UniqueKeyIndex = "ux_programs_program_key";

    public static Table Define(string schema) => TenantKeyedTable.Create(schema, Name, table =>
    {
        table.AddColumn("program_key", "text").NotNull();
        table.AddColumn("name", "text").NotNull();
        table.AddColumn<Guid>("template_id").NotNull();
        table.AddColumn("template_key", "text").NotNull();
        table.AddColumn<int>("template_version").NotNull();
        table.AddColumn("program_type", "text").NotNull();
        table.AddColumn<Guid>("beneficiary_group_id").NotNull();
        table.AddColumn("status", "text").NotNull();
        table.AddColumn("config", "jsonb").NotNull();
        table.AddColumn("config_overrides", "jsonb").NotNull();
        table.AddColumn("tags", "text[]").NotNull();
        table.AddColumn("sdg_goals", "integer[]").NotNull();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        table.AddColumn<DateTimeOffset>("updated_at").NotNull();
        table.Indexes.Add(new IndexDefinition(UniqueKeyIndex) { Columns = [TenantKeyedTable.TenantColumn, "program_key"], IsUnique = true });
        table.Indexes.Add(new IndexDefinition("ix_programs_type_status") { Columns = ["program_type", "status"] });
        // The program lookup of every enrollment: the oldest active program of a type is the first entry of this index.
        table.Indexes.Add(new IndexDefinition("ix_programs_lookup")
        {
            Columns = [TenantKeyedTable.TenantColumn, "program_type", "status", "created_at", "id"],
        });
        table.Indexes.Add(new IndexDefinition("ix_programs_beneficiary_group") { Columns = ["beneficiary_group_id"] });
    });
}
