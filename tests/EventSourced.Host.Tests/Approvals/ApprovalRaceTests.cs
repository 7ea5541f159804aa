using System.Net;
using System.Text.Json;
using EventSourced.Projections.Approvals;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Approvals.ApprovalRequests;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>Two reviewers deciding one approval at the same moment: exactly one decision stands, the other is told which.</summary>
public sealed class ApprovalRaceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_approve_and_a_reject_racing_on_one_approval_give_one_200_and_one_409_with_the_decision_that_stands()
    {
        var crossed = await fixture.PendingAsync("race-decide");
        var approvalId = crossed.ApprovalRequestId!.Value;
        // Warm the route up so both racing requests run compiled code and reach the database together.
        (await fixture.Host.PutAsync($"/approvals/{Guid.NewGuid()}", Approve())).Status.ShouldBe(HttpStatusCode.NotFound);

        var requestedAt = fixture.Clock.Now;
        fixture.Clock.Now = requestedAt.AddMinutes(45);
        ApiResponse[] responses;
        try
        {
            responses = await StreamLock.RaceAsync(fixture.ConnectionString, approvalId,
                () => fixture.Host.PutAsync($"/approvals/{approvalId}", Approve("reviewer-approving", "Budget confirmed")),
                () => fixture.Host.PutAsync($"/approvals/{approvalId}", Reject("reviewer-rejecting", "No inventory in Q1")));
        }
        finally
        {
            fixture.Clock.Now = requestedAt;
        }

        responses.Select(r => r.Status).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: false,
            string.Join("\n", responses.Select(r => $"{r.Status}: {r.Body}")));
        var winner = responses.Single(r => r.Status == HttpStatusCode.OK).As<ApprovalView>();
        var loser = responses.Single(r => r.Status == HttpStatusCode.Conflict);
        loser.Problem.Title.ShouldBe("Approval already decided");
        using (var body = JsonDocument.Parse(loser.Body))
        {
            body.RootElement.GetProperty("currentStatus").GetString().ShouldBe(winner.Status);
            body.RootElement.GetProperty("reviewerId").GetString().ShouldBe(winner.ReviewerId);
            body.RootElement.GetProperty("decidedAt").GetDateTimeOffset().ShouldBe(requestedAt.AddMinutes(45));
        }

        winner.DecidedAt.ShouldBe(requestedAt.AddMinutes(45));
        winner.RequestedAt.ShouldBe(requestedAt);

        var approved = winner.Status == "approved";
        winner.ReviewerId.ShouldBe(approved ? "reviewer-approving" : "reviewer-rejecting");
        (await fixture.Host.GetAsync($"/approvals/{approvalId}")).As<ApprovalView>().ShouldBe(winner);
        (await Sql.ScalarAsync(fixture.ConnectionString,
                $"select count(*) from mt_events where stream_id = '{approvalId}' and type in ('approval_approved.v1', 'approval_rejected.v1')"))
            .ShouldBe(1);
        var orders = await fixture.OrdersAsync(crossed.Id);
        var reservation = (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem();
        var campaign = await fixture.CampaignAsync(crossed.Id);
        if (approved)
        {
            orders.ShouldHaveSingleItem()["id"].ShouldBe(winner.OrderId);
            reservation["status"].ShouldBe("converted");
            (campaign.Status, campaign.Probability, campaign.OrderId).ShouldBe(("won", 100, winner.OrderId));
        }
        else
        {
            orders.ShouldBeEmpty();
            reservation["status"].ShouldBe("released");
            (campaign.Status, campaign.Probability, campaign.OrderId).ShouldBe(("draft", 75, (Guid?)null));
        }

        (await Sql.ScalarAsync(fixture.ConnectionString,
                $"select count(*) from mt_events where stream_id = '{crossed.Id}' and type in ('campaign_won.v1', 'campaign_approval_rejected.v1')"))
            .ShouldBe(1);
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Two_approvals_racing_on_one_approval_create_one_order()
    {
        var crossed = await fixture.PendingAsync("race-approve-twice");
        var approvalId = crossed.ApprovalRequestId!.Value;
        (await fixture.Host.PutAsync($"/approvals/{Guid.NewGuid()}", Approve())).Status.ShouldBe(HttpStatusCode.NotFound);

        var responses = await StreamLock.RaceAsync(fixture.ConnectionString, approvalId,
            () => fixture.Host.PutAsync($"/approvals/{approvalId}", Approve("reviewer-a")),
            () => fixture.Host.PutAsync($"/approvals/{approvalId}", Approve("reviewer-b")));

        responses.Select(r => r.Status).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: false,
            string.Join("\n", responses.Select(r => $"{r.Status}: {r.Body}")));
        responses.Single(r => r.Status == HttpStatusCode.Conflict).Problem.Title.ShouldBe("Approval already decided");
        var winner = responses.Single(r => r.Status == HttpStatusCode.OK).As<ApprovalView>();
        (await fixture.OrdersAsync(crossed.Id)).ShouldHaveSingleItem()["id"].ShouldBe(winner.OrderId);
        (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem()["status"].ShouldBe("converted");
        (await Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from mt_events where stream_id = '{approvalId}' and type = 'approval_approved.v1'")).ShouldBe(1);
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Two_crossings_racing_on_one_campaign_both_succeed_and_open_one_approval()
    {
        var campaign = await fixture.CampaignAtAsync("race-cross", 75);
        (await fixture.Host.PutAsync($"/campaigns/{Guid.NewGuid()}/probability", Probability(92))).Status.ShouldBe(HttpStatusCode.NotFound);

        var responses = await StreamLock.RaceAsync(fixture.ConnectionString, campaign.Id,
            () => fixture.Host.PutAsync($"/campaigns/{campaign.Id}/probability", Probability(92)),
            () => fixture.Host.PutAsync($"/campaigns/{campaign.Id}/probability", Probability(95)));

        responses.ShouldAllBe(r => r.Status == HttpStatusCode.OK, string.Join("\n", responses.Select(r => $"{r.Status}: {r.Body}")));
        var approval = (await fixture.ApprovalsAsync($"campaignId={campaign.Id}")).ShouldHaveSingleItem();
        approval.Status.ShouldBe("pending");
        approval.ProbabilityBefore.ShouldBe(75);
        responses.Select(r => r.As<Projections.Campaigns.CampaignView>().ApprovalRequestId).ShouldAllBe(id => id == approval.Id);
        // The first commit crossed 75 → its value; the other was decided again on top of it, so its value is the last one.
        var final = await fixture.CampaignAsync(campaign.Id);
        (approval.ProbabilityAfter, final.Probability).ShouldBeOneOf((92, 95), (95, 92));
        (await fixture.ReservationsAsync(campaign.Id)).ShouldHaveSingleItem()["id"].ShouldBe(approval.ReservationId);
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }
}
