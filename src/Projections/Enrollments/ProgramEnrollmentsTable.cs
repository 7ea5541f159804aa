using EventSourced.Projections.ReadTables;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.Enrollments;

/// <summary>
/// <c>program_enrollments</c>, as the runbook's "Check enrollments with program context" query reads it. The partial
/// unique index keeps one active enrollment per user and program (within a tenant), even under concurrent deliveries.
/// </summary>
internal static class ProgramEnrollmentsTable
{
    public const string Name = "program_enrollments";
    public const string OneActivePerProgramIndex = "ux_program_enrollments_active_user_program";

    public static Table Define(string schema) => TenantKeyedTable.Create(schema, Name, table =>
    {
        table.AddColumn("user_id", "text").NotNull();
        table.AddColumn<Guid>("company_id").AllowNulls();
        table.AddColumn("program_type", "text").NotNull();
        table.AddColumn<Guid>("program_id").AllowNulls();
        table.AddColumn<Guid>("campaign_id").AllowNulls();
        table.AddColumn<Guid>("beneficiary_group_id").AllowNulls();
        table.AddColumn("source_system", "text").NotNull();
        table.AddColumn("external_event_id", "text").NotNull();
        table.AddColumn("status", "text").NotNull();
        table.AddColumn<DateTimeOffset>("occurred_at").NotNull();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        table.AddColumn<DateTimeOffset>("updated_at").NotNull();
        table.Indexes.Add(new IndexDefinition(OneActivePerProgramIndex)
        {
            Columns = [TenantKeyedTable.TenantColumn, "user_id", "program_id"],
            IsUnique = true,
            Predicate = "status = 'active' and program_id is not null",
        });
        table.Indexes.Add(new IndexDefinition("ix_program_enrollments_user") { Columns = ["user_id"] });
        table.Indexes.Add(new IndexDefinition("ix_program_enrollments_program") { Columns = ["program_id"] });
        table.Indexes.Add(new IndexDefinition("ix_program_enrollments_type") { Columns = ["program_type"] });
    });
}
