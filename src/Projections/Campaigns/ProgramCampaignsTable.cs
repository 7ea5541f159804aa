using EventSourced.Projections.ReadTables;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.Campaigns;

/// <summary><c>program_campaigns</c>: each company's deployment of a program, with its effective configuration and the
/// approval workflow's references (the runbook's approvalRequestId, reservationId, and the order).</summary>
internal static class ProgramCampaignsTable
{
    public const string Name = "program_campaigns";

    public static Table Define(string schema) => TenantKeyedTable.Create(schema, Name, table =>
    {
        table.AddColumn<Guid>("program_id").NotNull();
        table.AddColumn<Guid>("company_id").NotNull();
        table.AddColumn("name", "text").NotNull();
        table.AddColumn<int>("target_enrollment").NotNull();
        table.AddColumn<int>("max_enrollment").NotNull();
        table.AddColumn("budget_amount", "numeric").AllowNulls();
        table.AddColumn("budget_currency", "text").AllowNulls();
        table.AddColumn("start_date", "date").AllowNulls();
        table.AddColumn("end_date", "date").AllowNulls();
        table.AddColumn("status", "text").NotNull();
        table.AddColumn<Guid>("template_id").NotNull();
        table.AddColumn<int>("template_version").NotNull();
        table.AddColumn("config", "jsonb").NotNull();
        table.AddColumn("config_overrides", "jsonb").NotNull();
        table.AddColumn<int>("probability").NotNull().DefaultValueByExpression("0");
        table.AddColumn<Guid>("approval_request_id").AllowNulls();
        table.AddColumn<Guid>("reservation_id").AllowNulls();
        table.AddColumn<Guid>("order_id").AllowNulls();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        table.AddColumn<DateTimeOffset>("updated_at").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_program_campaigns_program") { Columns = ["program_id"] });
        // A company's campaigns in creation order: the enrollment lookup walks them oldest first and stops at the first on an
        // active program of the type (a nested loop that reads a handful of rows, where an index on company_id alone
        // made PostgreSQL hash every active program of the type); the campaign list by company reads them in its order.
        table.Indexes.Add(new IndexDefinition("ix_program_campaigns_company_created") { Columns = ["tenant_id", "company_id", "created_at", "id"] });
    });
}
