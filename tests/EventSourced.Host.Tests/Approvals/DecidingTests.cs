using System.Net;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Campaigns;
using static EventSourced.Host.Tests.Approvals.ApprovalRequests;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>Approve: order created, reservation converted, campaign won at 100. Reject: probability restored, reservation released, no order.</summary>
public sealed class DecidingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Approving_creates_the_order_converts_the_reservation_and_wins_the_campaign_at_100()
    {
        var crossed = await fixture.PendingAsync("decide-approve");
        var approvalId = crossed.ApprovalRequestId!.Value;
        var reservationId = crossed.ReservationId!.Value;
        var requestedAt = fixture.Clock.Now;
        var decidedAt = requestedAt.AddHours(3);
        fixture.Clock.Now = decidedAt;
        try
        {
            var response = await fixture.Host.PutAsync($"/approvals/{approvalId}",
                """{"action": "approve", "reviewerId": "  reviewer-1 ", "reason": "Budget confirmed"}""");

            response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
            var approved = response.As<ApprovalView>();
            var orderId = approved.OrderId.ShouldNotBeNull();
            approved.ShouldBe(new ApprovalView(approvalId, crossed.Id, "approved", 75, 92, reservationId, orderId, "reviewer-1", "Budget confirmed",
                requestedAt, decidedAt));
            (await fixture.Host.GetAsync($"/approvals/{approvalId}")).As<ApprovalView>().ShouldBe(approved);
            (await fixture.ApprovalsAsync($"status=pending&campaignId={crossed.Id}")).ShouldBeEmpty();
            (await fixture.ApprovalsAsync($"status=approved&campaignId={crossed.Id}")).ShouldBe([approved]);

            var campaign = await fixture.CampaignAsync(crossed.Id);
            campaign.ShouldSatisfyAllConditions(
                c => c.Status.ShouldBe("won"),
                c => c.Probability.ShouldBe(100),
                c => c.OrderId.ShouldBe(orderId),
                c => c.ApprovalRequestId.ShouldBe(approvalId),
                c => c.ReservationId.ShouldBe(reservationId),
                c => c.UpdatedAt.ShouldBe(decidedAt));
            (await fixture.Host.GetAsync($"/campaigns?status=won")).As<CampaignView[]>().Select(c => c.Id).ShouldContain(crossed.Id);

            var order = (await fixture.OrdersAsync(crossed.Id)).ShouldHaveSingleItem();
            order.ShouldBe(new Dictionary<string, object?>
            {
                ["id"] = orderId, ["campaign_id"] = crossed.Id, ["approval_id"] = approvalId, ["reservation_id"] = reservationId,
                ["seats"] = MaxEnrollment, ["amount"] = "25000.50", ["currency"] = "EUR", ["created_at"] = decidedAt.UtcDateTime,
            });
            var reservation = (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem();
            reservation["id"].ShouldBe(reservationId);
            reservation["status"].ShouldBe("converted");
            reservation["order_id"].ShouldBe(orderId);
            reservation["release_reason"].ShouldBeNull();
            (await fixture.RowsAsync($"select type from mt_events where stream_id = '{orderId}'"))
                .Select(r => r["type"]).ShouldBe(["order_created.v1"]);
            await fixture.ShouldPassRunbookDiagnosesAsync();
        }
        finally
        {
            fixture.Clock.Now = requestedAt;
        }
    }

    [Fact]
    public async Task Rejecting_restores_the_probability_before_the_crossing_releases_the_reservation_and_creates_no_order()
    {
        var crossed = await fixture.PendingAsync("decide-reject");
        await fixture.ProbabilityAsync(crossed.Id, 97); // raised again while pending: the rejection still goes back to 75
        var approvalId = crossed.ApprovalRequestId!.Value;
        var reservationId = crossed.ReservationId!.Value;

        var response = await fixture.Host.PutAsync($"/approvals/{approvalId}", Reject("reviewer-2", "No inventory in Q1"));

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var rejected = response.As<ApprovalView>();
        rejected.ShouldBe(new ApprovalView(approvalId, crossed.Id, "rejected", 75, 92, reservationId, OrderId: null, "reviewer-2",
            "No inventory in Q1", fixture.Clock.Now, fixture.Clock.Now));
        (await fixture.Host.GetAsync($"/approvals/{approvalId}")).As<ApprovalView>().ShouldBe(rejected);
        (await fixture.ApprovalsAsync($"status=pending&campaignId={crossed.Id}")).ShouldBeEmpty();
        (await fixture.ApprovalsAsync($"status=rejected&campaignId={crossed.Id}")).ShouldBe([rejected]);

        var campaign = await fixture.CampaignAsync(crossed.Id);
        campaign.ShouldSatisfyAllConditions(
            c => c.Status.ShouldBe("draft"),
            c => c.Probability.ShouldBe(75),
            c => c.OrderId.ShouldBeNull());
        var reservation = (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem();
        reservation["id"].ShouldBe(reservationId);
        reservation["status"].ShouldBe("released");
        reservation["order_id"].ShouldBeNull();
        reservation["release_reason"].ShouldBe($"approval {approvalId} rejected: No inventory in Q1");
        (await fixture.OrdersAsync(crossed.Id)).ShouldBeEmpty();
        (await fixture.RowsAsync($"select type from mt_events where stream_id = '{crossed.Id}' order by version")).Select(r => r["type"]).ShouldBe([
            "campaign_created.v1", "campaign_probability_changed.v1", "campaign_probability_changed.v1", "campaign_approval_requested.v1",
            "campaign_probability_changed.v1", "campaign_approval_rejected.v1",
        ]);
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task After_a_rejection_the_inventory_is_unlocked_and_crossing_again_opens_a_second_approval()
    {
        var crossed = await fixture.PendingAsync("decide-reject-recross");
        var first = crossed.ApprovalRequestId!.Value;
        await fixture.DecideAsync(first, Reject());

        var edited = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}", """{"maxEnrollment": 45}""");
        edited.Status.ShouldBe(HttpStatusCode.OK, edited.Body);
        var again = await fixture.ProbabilityAsync(crossed.Id, 91);

        var second = again.ApprovalRequestId.ShouldNotBeNull();
        second.ShouldNotBe(first);
        again.ReservationId.ShouldNotBe(crossed.ReservationId);
        (await fixture.ApprovalsAsync($"campaignId={crossed.Id}")).Select(a => (a.Id, a.Status, a.ProbabilityBefore, a.ProbabilityAfter))
            .ShouldBe([(first, "rejected", 75, 92), (second, "pending", 75, 91)], ignoreOrder: true);
        var reservations = await fixture.ReservationsAsync(crossed.Id);
        reservations.Select(r => ((Guid)r["id"]!, (string)r["status"]!, (int)r["seats"]!))
            .ShouldBe([(crossed.ReservationId!.Value, "released", MaxEnrollment), (again.ReservationId!.Value, "reserved", 45)], ignoreOrder: true);
        await fixture.ShouldPassRunbookDiagnosesAsync();

        var approved = await fixture.DecideAsync(second, Approve());

        approved.Status.ShouldBe("approved");
        (await fixture.CampaignAsync(crossed.Id)).Status.ShouldBe("won");
        (await fixture.OrdersAsync(crossed.Id)).ShouldHaveSingleItem()["seats"].ShouldBe(45);
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Theory]
    [InlineData("APPROVE", "approved")]
    [InlineData("Reject", "rejected")]
    public async Task The_action_is_matched_in_any_case(string action, string status)
    {
        var crossed = await fixture.PendingAsync($"decide-case-{action.ToLowerInvariant()}");

        var decided = await fixture.DecideAsync(crossed.ApprovalRequestId!.Value, $$"""{"action": "{{action}}", "reviewerId": "reviewer-3"}""");

        decided.Status.ShouldBe(status);
        decided.Reason.ShouldBeNull();
        (await fixture.OrdersAsync(crossed.Id)).Count.ShouldBe(status == "approved" ? 1 : 0);
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task A_blank_reason_is_stored_as_none()
    {
        var crossed = await fixture.PendingAsync("decide-blank-reason");

        var decided = await fixture.DecideAsync(crossed.ApprovalRequestId!.Value, """{"action": "reject", "reviewerId": "reviewer-4", "reason": "   "}""");

        decided.Reason.ShouldBeNull();
        (await fixture.RowsAsync($"select reason from campaign_approvals where id = '{decided.Id}'")).ShouldHaveSingleItem()["reason"].ShouldBeNull();
        (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem()["release_reason"].ShouldBe($"approval {decided.Id} rejected");
    }
}
