using System.Net;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Campaigns;
using static EventSourced.Host.Tests.Approvals.ApprovalRequests;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>Runbook 002: a probability going from below 90 to 90 or more opens one approval and reserves the campaign's inventory.</summary>
public sealed class CrossingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Crossing_75_to_92_opens_an_approval_and_a_reservation_that_the_campaign_points_at()
    {
        var campaign = await fixture.CampaignAtAsync("cross-75-92", 75);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}/probability", """{"probability": 92}""");

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var crossed = response.As<CampaignView>();
        crossed.ShouldSatisfyAllConditions(
            c => c.Id.ShouldBe(campaign.Id),
            c => c.Probability.ShouldBe(92),
            c => c.Status.ShouldBe("draft"),
            c => c.ApprovalRequestId.ShouldNotBeNull(),
            c => c.ReservationId.ShouldNotBeNull(),
            c => c.ApprovalRequestId.ShouldNotBe(c.ReservationId),
            c => c.OrderId.ShouldBeNull(),
            c => c.MaxEnrollment.ShouldBe(MaxEnrollment),
            c => c.UpdatedAt.ShouldBe(fixture.Clock.Now));
        (await fixture.Host.GetAsync($"/campaigns/{campaign.Id}")).Body.ShouldBe(response.Body);
        var approvalId = crossed.ApprovalRequestId!.Value;
        var reservationId = crossed.ReservationId!.Value;

        var expected = new ApprovalView(approvalId, campaign.Id, "pending", ProbabilityBefore: 75, ProbabilityAfter: 92, reservationId,
            OrderId: null, ReviewerId: null, Reason: null, RequestedAt: fixture.Clock.Now, DecidedAt: null);
        (await fixture.ApprovalsAsync($"status=pending&campaignId={campaign.Id}")).ShouldBe([expected]);
        (await fixture.ApprovalsAsync("status=pending")).ShouldContain(expected);
        (await fixture.ApprovalsAsync("status=PENDING")).ShouldContain(expected);
        (await fixture.ApprovalsAsync($"campaignId={campaign.Id}")).ShouldBe([expected]);
        (await fixture.ApprovalsAsync($"status=approved&campaignId={campaign.Id}")).ShouldBeEmpty();
        (await fixture.ApprovalsAsync($"status=rejected&campaignId={campaign.Id}")).ShouldBeEmpty();
        var single = await fixture.Host.GetAsync($"/approvals/{approvalId}");
        single.Status.ShouldBe(HttpStatusCode.OK, single.Body);
        single.As<ApprovalView>().ShouldBe(expected);

        var approvalRow = (await fixture.RowsAsync(
            "select id, campaign_id, status, probability_before, probability_after, reservation_id, order_id, reviewer_id, reason, decided_at " +
            $"from campaign_approvals where campaign_id = '{campaign.Id}'")).ShouldHaveSingleItem();
        approvalRow.ShouldBe(new Dictionary<string, object?>
        {
            ["id"] = approvalId, ["campaign_id"] = campaign.Id, ["status"] = "pending", ["probability_before"] = 75, ["probability_after"] = 92,
            ["reservation_id"] = reservationId, ["order_id"] = null, ["reviewer_id"] = null, ["reason"] = null, ["decided_at"] = null,
        });
        var reservation = (await fixture.ReservationsAsync(campaign.Id)).ShouldHaveSingleItem();
        reservation.ShouldBe(new Dictionary<string, object?>
        {
            ["id"] = reservationId, ["campaign_id"] = campaign.Id, ["approval_id"] = approvalId, ["seats"] = MaxEnrollment,
            ["budget_amount"] = "25000.50", ["budget_currency"] = "EUR", ["start_date"] = "2027-01-15", ["end_date"] = "2027-06-30",
            ["status"] = "reserved", ["order_id"] = null, ["release_reason"] = null,
        });
        (await fixture.OrdersAsync(campaign.Id)).ShouldBeEmpty();
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Raising_92_to_95_and_resending_95_open_nothing_new()
    {
        var crossed = await fixture.PendingAsync("cross-raise-again");
        var approvalsBefore = await fixture.SnapshotAsync("campaign_approvals", crossed.Id);
        var reservationsBefore = await fixture.SnapshotAsync("inventory_reservations", crossed.Id);
        var eventsBefore = await fixture.EventsAsync();

        var raising = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}/probability", Probability(95));

        raising.Status.ShouldBe(HttpStatusCode.OK, raising.Body);
        var raised = raising.As<CampaignView>();
        raised.Probability.ShouldBe(95);
        raised.ApprovalRequestId.ShouldBe(crossed.ApprovalRequestId);
        raised.ReservationId.ShouldBe(crossed.ReservationId);
        raised.Status.ShouldBe("draft");
        (await fixture.EventsAsync()).ShouldBe(eventsBefore + 1); // the probability change alone
        (await fixture.RowsAsync(
                $"select type from mt_events where stream_id = '{crossed.Id}' order by version desc limit 1"))
            .ShouldHaveSingleItem()["type"].ShouldBe("campaign_probability_changed.v1");

        var resent = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}/probability", Probability(95));

        resent.Status.ShouldBe(HttpStatusCode.OK, resent.Body);
        resent.Body.ShouldBe(raising.Body, "re-sending the current value changes nothing");
        (await fixture.Host.GetAsync($"/campaigns/{crossed.Id}")).Body.ShouldBe(raising.Body);
        (await fixture.EventsAsync()).ShouldBe(eventsBefore + 1);
        (await fixture.SnapshotAsync("campaign_approvals", crossed.Id)).ShouldBe(approvalsBefore);
        (await fixture.SnapshotAsync("inventory_reservations", crossed.Id)).ShouldBe(reservationsBefore);
        (await fixture.ApprovalsAsync($"status=pending&campaignId={crossed.Id}")).ShouldHaveSingleItem().ProbabilityAfter.ShouldBe(92);
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Lowering_while_pending_but_staying_at_90_or_more_is_accepted_and_opens_nothing()
    {
        var crossed = await fixture.PendingAsync("cross-lower-to-90");

        var lowered = await fixture.ProbabilityAsync(crossed.Id, 90);

        lowered.ApprovalRequestId.ShouldBe(crossed.ApprovalRequestId);
        (await fixture.ApprovalsAsync($"campaignId={crossed.Id}")).ShouldHaveSingleItem().Status.ShouldBe("pending");
        (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem()["status"].ShouldBe("reserved");
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Exactly_90_opens_an_approval_and_89_does_not()
    {
        var campaign = await fixture.CampaignAtAsync("cross-exactly-90", 75);

        var at89 = await fixture.ProbabilityAsync(campaign.Id, 89);

        at89.ApprovalRequestId.ShouldBeNull();
        at89.ReservationId.ShouldBeNull();
        (await fixture.ApprovalsAsync($"campaignId={campaign.Id}")).ShouldBeEmpty();
        (await fixture.ReservationsAsync(campaign.Id)).ShouldBeEmpty();

        var at90 = await fixture.ProbabilityAsync(campaign.Id, 90);

        at90.ApprovalRequestId.ShouldNotBeNull();
        at90.ReservationId.ShouldNotBeNull();
        var approval = (await fixture.ApprovalsAsync($"status=pending&campaignId={campaign.Id}")).ShouldHaveSingleItem();
        approval.Id.ShouldBe(at90.ApprovalRequestId!.Value);
        approval.ProbabilityBefore.ShouldBe(89);
        approval.ProbabilityAfter.ShouldBe(90);
        approval.ReservationId.ShouldBe(at90.ReservationId!.Value);
        (await fixture.ReservationsAsync(campaign.Id)).ShouldHaveSingleItem()["id"].ShouldBe(at90.ReservationId);
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task From_0_straight_to_100_opens_an_approval_and_does_not_win_the_campaign()
    {
        var campaign = await fixture.CampaignAtAsync("cross-0-100", 0);

        var crossed = await fixture.ProbabilityAsync(campaign.Id, 100);

        crossed.Status.ShouldBe("draft");
        crossed.OrderId.ShouldBeNull();
        var approval = (await fixture.ApprovalsAsync($"status=pending&campaignId={campaign.Id}")).ShouldHaveSingleItem();
        (approval.ProbabilityBefore, approval.ProbabilityAfter).ShouldBe((0, 100));
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task A_probability_inside_PUT_campaigns_id_opens_the_approval_too()
    {
        var campaign = await fixture.CampaignAtAsync("cross-via-update", 75);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", """{"probability": 92}""");

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var crossed = response.As<CampaignView>();
        crossed.Probability.ShouldBe(92);
        crossed.ApprovalRequestId.ShouldNotBeNull();
        crossed.ReservationId.ShouldNotBeNull();
        crossed.Name.ShouldBe(campaign.Name);
        var approval = (await fixture.ApprovalsAsync($"status=pending&campaignId={campaign.Id}")).ShouldHaveSingleItem();
        approval.Id.ShouldBe(crossed.ApprovalRequestId!.Value);
        (approval.ProbabilityBefore, approval.ProbabilityAfter).ShouldBe((75, 92));
        var reservation = (await fixture.ReservationsAsync(campaign.Id)).ShouldHaveSingleItem();
        reservation["id"].ShouldBe(crossed.ReservationId);
        reservation["seats"].ShouldBe(MaxEnrollment);
        (await fixture.RowsAsync($"select type from mt_events where stream_id = '{campaign.Id}' order by version"))
            .Select(r => (string)r["type"]!).ShouldNotContain("campaign_updated.v1", "a body with only the probability edits nothing else");
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Edits_and_a_crossing_in_one_PUT_reserve_the_edited_figures()
    {
        var campaign = await fixture.CampaignAtAsync("cross-with-edits", 75);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", """
            {"name": "Acme Q1 (closing)", "maxEnrollment": 60, "budget": {"amount": 30000, "currency": "USD"}, "probability": 95}
            """);

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var crossed = response.As<CampaignView>();
        crossed.ShouldSatisfyAllConditions(
            c => c.Name.ShouldBe("Acme Q1 (closing)"),
            c => c.MaxEnrollment.ShouldBe(60),
            c => c.Probability.ShouldBe(95),
            c => c.ApprovalRequestId.ShouldNotBeNull());
        var reservation = (await fixture.ReservationsAsync(campaign.Id)).ShouldHaveSingleItem();
        reservation["seats"].ShouldBe(60);
        reservation["budget_amount"].ShouldBe("30000");
        reservation["budget_currency"].ShouldBe("USD");
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }
}
