using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Approvals;

/// <summary><c>Workflow:Disable90PercentWorkflow</c> (its own class: the switch lives on the class's fixture).</summary>
public sealed class DisabledWorkflowTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task With_the_workflow_disabled_the_change_is_recorded_and_no_approval_opened()
    {
        var campaign = await db.CampaignAtAsync("flag-off", 75);
        db.Workflow.Disable90PercentWorkflow = true;
        try
        {
            await db.AcceptedAsync(new SetCampaignProbability(campaign, 95));
        }
        finally
        {
            db.Workflow.Disable90PercentWorkflow = false;
        }

        var row = await db.RowAsync($"select probability, approval_request_id, reservation_id from program_campaigns where id = '{campaign}'");
        row["probability"].ShouldBe(95);
        row["approval_request_id"].ShouldBeNull();
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from inventory_reservations where campaign_id = '{campaign}'")).ShouldBe(0);
    }
}
