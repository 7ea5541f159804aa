using EventSourced.Domain.Campaigns.Commands;
using EventSourced.IntegrationTests.Programs;
using EventSourced.Projections.Approvals;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Approvals;

/// <summary>A won-or-lost-to-be campaign (budget 25000.50 EUR, 150 seats) and the workflow's checks on the tables.</summary>
internal static class WorkflowScenario
{
    public static async Task<Guid> CampaignAtAsync(this MartenDatabase db, string key, int probability)
    {
        var program = await db.ActiveProgramAsync(await db.ActiveTemplateAsync(key), $"Workflow {key}");
        var campaign = await db.AcceptedAsync(ProgramScenario.Campaign(program));
        await db.AcceptedAsync(new SetCampaignProbability(campaign, probability));
        return campaign;
    }

    public static async Task<Guid> PendingApprovalAsync(this MartenDatabase db, Guid campaign) =>
        (Guid)(await Sql.QueryAsync(db.ConnectionString, $"select approval_request_id from program_campaigns where id = '{campaign}'"))
            .Single()["approval_request_id"]!;

    /// <summary>Every runbook diagnosis query returns zero rows.</summary>
    public static async Task ShouldPassRunbookDiagnosesAsync(this MartenDatabase db)
    {
        foreach (var (name, sql) in WorkflowDiagnosisQueries.All)
        {
            (await Sql.QueryAsync(db.ConnectionString, sql)).ShouldBeEmpty(name);
        }
    }

    public static async Task<Dictionary<string, object?>> RowAsync(this MartenDatabase db, string sql) =>
        (await Sql.QueryAsync(db.ConnectionString, sql)).ShouldHaveSingleItem();
}
