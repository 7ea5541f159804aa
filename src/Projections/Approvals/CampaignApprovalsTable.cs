using EventSourced.Projections.ReadTables;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.Approvals;

/// <summary><c>campaign_approvals</c>: one row per approval request, as the workflow runbook queries them.</summary>
internal static class CampaignApprovalsTable
{
    public const string Name = "campaign_approvals";

    public static Table Define(string schema) => TenantKeyedTable.Create(schema, Name, table =>
    {
        table.AddColumn<Guid>("campaign_id").NotNull();
        table.AddColumn("status", "text").NotNull();
        table.AddColumn<int>("probability_before").NotNull();
        table.AddColumn<int>("probability_after").NotNull();
        table.AddColumn<Guid>("reservation_id").NotNull();
        table.AddColumn<Guid>("order_id").AllowNulls();
        table.AddColumn("reviewer_id", "text").AllowNulls();
        table.AddColumn("reason", "text").AllowNulls();
        table.AddColumn<DateTimeOffset>("requested_at").NotNull();
        table.AddColumn<DateTimeOffset>("decided_at").AllowNulls();
        table.Indexes.Add(new IndexDefinition("ix_campaign_approvals_status") { Columns = ["status"] });
        table.Indexes.Add(new IndexDefinition("ix_campaign_approvals_campaign") { Columns = ["campaign_id"] });
    });
}
