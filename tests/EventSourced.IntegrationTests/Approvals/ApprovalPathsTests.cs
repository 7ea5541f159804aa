using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Approvals;

/// <summary>Each path of the 90 % workflow leaves consistent rows in program_campaigns, campaign_approvals,
/// inventory_reservations and orders, and the runbook's diagnosis queries find nothing.</summary>
public sealed class ApprovalPathsTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Crossing_90_opens_an_approval_and_reserves_inventory_with_the_change()
    {
        var campaign = await db.CampaignAtAsync("paths-cross", 75);

        await db.AcceptedAsync(new SetCampaignProbability(campaign, 92));

        var row = await db.RowAsync($"select probability, status, approval_request_id, reservation_id, order_id from program_campaigns where id = '{campaign}'");
        row["probability"].ShouldBe(92);
        row["status"].ShouldBe("draft");
        row["order_id"].ShouldBeNull();
        var approval = await db.RowAsync($"select * from campaign_approvals where campaign_id = '{campaign}'");
        approval["id"].ShouldBe(row["approval_request_id"]);
        approval["status"].ShouldBe("pending");
        approval["probability_before"].ShouldBe(75);
        approval["probability_after"].ShouldBe(92);
        approval["reservation_id"].ShouldBe(row["reservation_id"]);
        var reservation = await db.RowAsync($"select * from inventory_reservations where campaign_id = '{campaign}'");
        reservation["id"].ShouldBe(row["reservation_id"]);
        reservation["status"].ShouldBe("reserved");
        reservation["seats"].ShouldBe(150);
        reservation["budget_amount"].ShouldBe(25000.50m);
        reservation["budget_currency"].ShouldBe("EUR");
        reservation["start_date"].ShouldBe(new DateTime(2026, 1, 1));
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from orders where campaign_id = '{campaign}'")).ShouldBe(0);
        await db.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Raising_again_or_resending_90_opens_no_second_approval()
    {
        var campaign = await db.CampaignAtAsync("paths-once", 75);

        await db.AcceptedAsync(new SetCampaignProbability(campaign, 90));
        await db.AcceptedAsync(new SetCampaignProbability(campaign, 90));
        await db.AcceptedAsync(new SetCampaignProbability(campaign, 95));

        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from campaign_approvals where campaign_id = '{campaign}'")).ShouldBe(1);
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from inventory_reservations where campaign_id = '{campaign}'")).ShouldBe(1);
        (await db.RowAsync($"select probability from program_campaigns where id = '{campaign}'"))["probability"].ShouldBe(95);
    }

    [Fact]
    public async Task Approving_creates_the_order_converts_the_reservation_and_wins_the_campaign()
    {
        var campaign = await db.CampaignAtAsync("paths-approve", 92);
        var approval = await db.PendingApprovalAsync(campaign);

        await db.AcceptedAsync(new DecideApproval(approval, "approve", "reviewer-1", "Budget confirmed"));

        var order = await db.RowAsync($"select * from orders where campaign_id = '{campaign}'");
        order["approval_id"].ShouldBe(approval);
        order["amount"].ShouldBe(25000.50m);
        order["currency"].ShouldBe("EUR");
        order["seats"].ShouldBe(150);
        var row = await db.RowAsync($"select probability, status, order_id, reservation_id from program_campaigns where id = '{campaign}'");
        row["probability"].ShouldBe(100);
        row["status"].ShouldBe("won");
        row["order_id"].ShouldBe(order["id"]);
        var reservation = await db.RowAsync($"select status, order_id from inventory_reservations where id = '{row["reservation_id"]}'");
        reservation["status"].ShouldBe("converted");
        reservation["order_id"].ShouldBe(order["id"]);
        var decided = await db.RowAsync($"select status, reviewer_id, reason, order_id, decided_at from campaign_approvals where id = '{approval}'");
        decided["status"].ShouldBe("approved");
        decided["reviewer_id"].ShouldBe("reviewer-1");
        decided["reason"].ShouldBe("Budget confirmed");
        decided["order_id"].ShouldBe(order["id"]);
        ((DateTime)decided["decided_at"]!).ShouldBe(db.Clock.Now.UtcDateTime);
        await db.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Rejecting_restores_the_probability_and_releases_the_reservation()
    {
        var campaign = await db.CampaignAtAsync("paths-reject", 70);
        await db.AcceptedAsync(new SetCampaignProbability(campaign, 91));
        var approval = await db.PendingApprovalAsync(campaign);

        await db.AcceptedAsync(new DecideApproval(approval, "reject", "reviewer-2", "No inventory in Q1"));

        var row = await db.RowAsync($"select probability, status, order_id, reservation_id from program_campaigns where id = '{campaign}'");
        row["probability"].ShouldBe(70);
        row["status"].ShouldBe("draft");
        row["order_id"].ShouldBeNull();
        (await db.RowAsync($"select status, release_reason from inventory_reservations where id = '{row["reservation_id"]}'"))
            .ShouldSatisfyAllConditions(r => r["status"].ShouldBe("released"), r => ((string)r["release_reason"]!).ShouldContain("No inventory in Q1"));
        (await db.RowAsync($"select status from campaign_approvals where id = '{approval}'"))["status"].ShouldBe("rejected");
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from orders where campaign_id = '{campaign}'")).ShouldBe(0);
        await db.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task After_a_rejection_a_new_crossing_opens_a_new_approval()
    {
        var campaign = await db.CampaignAtAsync("paths-again", 92);
        await db.AcceptedAsync(new DecideApproval(await db.PendingApprovalAsync(campaign), "reject", "reviewer", null));

        await db.AcceptedAsync(new SetCampaignProbability(campaign, 93));

        (await Sql.QueryAsync(db.ConnectionString, $"select status from campaign_approvals where campaign_id = '{campaign}' order by requested_at, status"))
            .Select(r => r["status"]).ShouldBe(["pending", "rejected"], ignoreOrder: true);
        await db.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task The_whole_change_is_also_accepted_inside_a_campaign_update()
    {
        var campaign = await db.CampaignAtAsync("paths-update", 60);

        await db.AcceptedAsync(new UpdateCampaign(campaign, "Renamed", null, null, null, null, null, null, Probability: 90));

        var row = await db.RowAsync($"select name, probability, approval_request_id from program_campaigns where id = '{campaign}'");
        row["name"].ShouldBe("Renamed");
        row["probability"].ShouldBe(90);
        row["approval_request_id"].ShouldNotBeNull();
        await db.ShouldPassRunbookDiagnosesAsync();
    }
}
