using EventSourced.Projections.ReadTables;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.Templates;

/// <summary>
/// <c>program_templates</c>, the read table of the Program Template runbook, column for column. Marten creates and
/// migrates it; the unique index on (tenant_id, template_key, version) makes a racing duplicate version fail the whole
/// transaction, events included.
/// </summary>
internal static class ProgramTemplatesTable
{
    public const string Name = "program_templates";

    public static Table Define(string schema) => TenantKeyedTable.Create(schema, Name, table =>
    {
        table.AddColumn("template_key", "text").NotNull();
        table.AddColumn<int>("version").NotNull();
        table.AddColumn("name", "text").NotNull();
        table.AddColumn("description", "text").AllowNulls();
        table.AddColumn("category", "text").NotNull();
        table.AddColumn("status", "text").NotNull();
        table.AddColumn("default_config", "jsonb").NotNull();
        table.AddColumn("config_schema", "jsonb").NotNull();
        table.AddColumn<Guid>("deprecated_by").AllowNulls();
        table.AddColumn<Guid>("previous_version_id").AllowNulls();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        table.AddColumn<DateTimeOffset>("updated_at").NotNull();
        table.Indexes.Add(new IndexDefinition("ux_program_templates_key_version") { Columns = [TenantKeyedTable.TenantColumn, "template_key", "version"], IsUnique = true });
        table.Indexes.Add(new IndexDefinition("ix_program_templates_category_status") { Columns = ["category", "status"] });
    });
}
