using EventSourced.Handlers.Commands;
using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Common;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Approvals;

/// <summary>Reviewers and sales reps racing: exactly one decision, one order or one release, one approval per crossing.</summary>
public sealed class ApprovalConcurrencyTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Sixteen_concurrent_approve_and_reject_calls_make_exactly_one_decision()
    {
        var campaign = await db.CampaignAtAsync("race-decide", 95);
        var approval = await db.PendingApprovalAsync(campaign);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            db.InvokeAsync<CommandResult>(new DecideApproval(approval, i % 2 == 0 ? "approve" : "reject", $"reviewer-{i}", null))));

        results.Count(r => r.IsAccepted).ShouldBe(1);
        results.Where(r => !r.IsAccepted).ShouldAllBe(r => r.Error!.Kind == ErrorKind.Conflict && r.Error.Title == ApprovalWorkflow.AlreadyDecided);
        var status = (string)(await db.RowAsync($"select status from campaign_approvals where id = '{approval}'"))["status"]!;
        var orders = await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from orders where campaign_id = '{campaign}'");
        var reservation = (string)(await db.RowAsync($"select status from inventory_reservations where campaign_id = '{campaign}'"))["status"]!;
        (status, orders, reservation).ShouldBeOneOf(("approved", 1L, "converted"), ("rejected", 0L, "released"));
        (await Sql.ScalarAsync(db.ConnectionString,
            $"select count(*) from mt_events where stream_id = '{approval}' and type in ('approval_approved.v1', 'approval_rejected.v1')")).ShouldBe(1);
        await db.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Two_simultaneous_crossings_open_one_approval()
    {
        var campaign = await db.CampaignAtAsync("race-cross", 50);

        var results = await StreamLock.RaceAsync(db.ConnectionString, campaign,
            () => db.InvokeAsync<CommandResult>(new SetCampaignProbability(campaign, 92)),
            () => db.InvokeAsync<CommandResult>(new SetCampaignProbability(campaign, 95)));

        results.ShouldAllBe(r => r.IsAccepted);
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from campaign_approvals where campaign_id = '{campaign}'")).ShouldBe(1);
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from inventory_reservations where campaign_id = '{campaign}'")).ShouldBe(1);
        await db.ShouldPassRunbookDiagnosesAsync();
    }
}
