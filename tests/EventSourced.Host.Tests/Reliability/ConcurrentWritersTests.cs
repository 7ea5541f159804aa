using System.Net;
using System.Text.Json;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Campaigns;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Approvals.ApprovalRequests;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>
/// 64 writers on one stream at the same moment, over HTTP. Every acknowledged write is in the stream exactly once, every
/// refused one (409 problem details) appended nothing, so no update is lost; and the read row is what a replay of the
/// stream produces.
/// </summary>
public sealed class ConcurrentWritersTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int Writers = 64;

    [Fact]
    public async Task Sixty_four_edits_of_one_campaign_lose_no_update_and_the_row_equals_the_replay()
    {
        var campaign = await fixture.CampaignAtAsync("concurrent-edits", 0);
        await WarmUpAsync($"/campaigns/{Guid.NewGuid()}", """{"name": "warm"}""");

        var responses = await AllAtOnce.RunAsync(Writers, k => fixture.Host.PutAsync($"/campaigns/{campaign.Id}",
            $$"""{"name": "Writer {{k}}", "targetEnrollment": {{k % MaxEnrollment + 1}}}"""));

        var (accepted, refused) = Split(responses);
        accepted.ShouldNotBeEmpty();
        refused.ShouldAllBe(r => r.Response.Problem.Title == "Concurrent modification", Describe(responses));

        // The stream holds one update per 200, in commit order, and none of a 409.
        var updates = (await Sql.QueryAsync(fixture.ConnectionString,
                $"select data->>'Name' as name from mt_events where stream_id = '{campaign.Id}' and type = 'campaign_updated.v1' order by version"))
            .Select(r => (string)r["name"]!).ToArray();
        updates.ShouldBe(accepted.Select(a => $"Writer {a.Writer}"), ignoreOrder: true);
        // Each 200 answered with the row as its own update left it.
        accepted.ShouldAllBe(a => a.Response.As<CampaignView>().Name == $"Writer {a.Writer}");

        var row = await fixture.CampaignAsync(campaign.Id);
        row.Name.ShouldBe(updates[^1]);
        await ShouldEqualTheReplayAsync("program_campaigns");
        Report("edits of one campaign", accepted.Length, refused.Length, updates.Length);
    }

    [Fact]
    public async Task Sixty_four_probability_changes_on_one_campaign_open_one_approval_and_the_row_equals_the_replay()
    {
        var campaign = await fixture.CampaignAtAsync("concurrent-probability", 75);
        await WarmUpAsync($"/campaigns/{Guid.NewGuid()}/probability", Probability(95));

        // All cross 90 %: the first commit opens the approval, the others are decided again on top of it (or refused after
        // losing every retry), and none may open a second one.
        var responses = await AllAtOnce.RunAsync(Writers, k => fixture.Host.PutAsync($"/campaigns/{campaign.Id}/probability", Probability(90 + k % 10)));

        var (accepted, refused) = Split(responses);
        accepted.ShouldNotBeEmpty();
        refused.ShouldAllBe(r => r.Response.Problem.Title == "Concurrent modification", Describe(responses));
        var changes = (await Sql.QueryAsync(fixture.ConnectionString,
                $"select (data->>'To')::int as value from mt_events where stream_id = '{campaign.Id}' and type = 'campaign_probability_changed.v1' " +
                "and (data->>'From')::int >= 75 order by version"))
            .Select(r => (int)r["value"]!).ToArray();
        // A change to the value the campaign already has appends nothing: the stream holds at most one change per 200.
        changes.Length.ShouldBeInRange(1, accepted.Length);
        var approval = (await fixture.ApprovalsAsync($"campaignId={campaign.Id}")).ShouldHaveSingleItem();
        approval.Status.ShouldBe("pending");
        accepted.ShouldAllBe(a => a.Response.As<CampaignView>().ApprovalRequestId == approval.Id);
        (await fixture.ReservationsAsync(campaign.Id)).ShouldHaveSingleItem()["id"].ShouldBe(approval.ReservationId);

        (await fixture.CampaignAsync(campaign.Id)).Probability.ShouldBe(changes[^1]);
        await ShouldEqualTheReplayAsync("program_campaigns");
        await ShouldEqualTheReplayAsync("campaign_approvals");
        await ShouldEqualTheReplayAsync("inventory_reservations");
        await fixture.ShouldPassRunbookDiagnosesAsync();
        Report("probability changes on one campaign", accepted.Length, refused.Length, changes.Length);
    }

    [Fact]
    public async Task Sixty_four_reviewers_deciding_one_approval_give_one_decision_and_sixty_three_409s_naming_it()
    {
        var crossed = await fixture.PendingAsync("concurrent-decisions");
        var approvalId = crossed.ApprovalRequestId!.Value;
        await WarmUpAsync($"/approvals/{Guid.NewGuid()}", Approve());

        var responses = await AllAtOnce.RunAsync(Writers, k => fixture.Host.PutAsync($"/approvals/{approvalId}",
            k % 2 == 0 ? Approve($"reviewer-{k}", "Budget confirmed") : Reject($"reviewer-{k}", "No inventory in Q1")));

        var (accepted, refused) = Split(responses);
        var winner = accepted.ShouldHaveSingleItem(Describe(responses)).Response.As<ApprovalView>();
        refused.Length.ShouldBe(Writers - 1);
        foreach (var (_, loser) in refused)
        {
            loser.Problem.Title.ShouldBe("Approval already decided", loser.Body);
            using var body = JsonDocument.Parse(loser.Body);
            body.RootElement.GetProperty("currentStatus").GetString().ShouldBe(winner.Status);
            body.RootElement.GetProperty("reviewerId").GetString().ShouldBe(winner.ReviewerId);
        }

        (await Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from mt_events where stream_id = '{approvalId}' and type in ('approval_approved.v1', 'approval_rejected.v1')")).ShouldBe(1);
        (await fixture.Host.GetAsync($"/approvals/{approvalId}")).As<ApprovalView>().ShouldBe(winner);
        var approved = winner.Status == "approved";
        (await fixture.OrdersAsync(crossed.Id)).Count.ShouldBe(approved ? 1 : 0);
        (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem()["status"].ShouldBe(approved ? "converted" : "released");
        (await fixture.CampaignAsync(crossed.Id)).Status.ShouldBe(approved ? "won" : "draft");
        await ShouldEqualTheReplayAsync("campaign_approvals");
        await ShouldEqualTheReplayAsync("program_campaigns");
        await fixture.ShouldPassRunbookDiagnosesAsync();
        Report("decisions on one approval", accepted.Length, refused.Length, 1);
    }

    /// <summary>Starts the 64 requests together (the in-memory host runs them concurrently) and waits for all.</summary>

    /// <summary>The route compiled and the connections pooled, so the writers reach the database together.</summary>
    private async Task WarmUpAsync(string missingResource, string body) =>
        (await fixture.Host.PutAsync(missingResource, body)).Status.ShouldBe(HttpStatusCode.NotFound);

    private static ((int Writer, ApiResponse Response)[] Accepted, (int Writer, ApiResponse Response)[] Refused) Split(
        (int Writer, ApiResponse Response)[] responses)
    {
        responses.ShouldAllBe(r => r.Response.Status == HttpStatusCode.OK || r.Response.Status == HttpStatusCode.Conflict, Describe(responses));
        return (responses.Where(r => r.Response.Status == HttpStatusCode.OK).ToArray(),
            responses.Where(r => r.Response.Status == HttpStatusCode.Conflict).ToArray());
    }

    private static string Describe((int Writer, ApiResponse Response)[] responses) =>
        string.Join('\n', responses.Select(r => $"writer {r.Writer}: {(int)r.Response.Status} {r.Response.Body}"));

    /// <summary>The integrity check of one table: its rows against a replay of every stream.</summary>
    private async Task ShouldEqualTheReplayAsync(string table)
    {
        var response = await fixture.Host.GetAsync($"/admin/integrity?table={table}");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        using var report = JsonDocument.Parse(response.Body);
        var tableReport = report.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == table);
        tableReport.GetProperty("isClean").GetBoolean().ShouldBeTrue(response.Body);
    }

    private static void Report(string what, int accepted, int refused, int stored) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{Writers} {what}: {accepted} × 200, {refused} × 409, {stored} stored");
}
