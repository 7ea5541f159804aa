using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.IntegrationTests.Approvals;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary><c>campaign-without-approval</c>: a campaign at 95 % that never got its approval gets one, with a reservation.</summary>
public sealed class CampaignWithoutApprovalRepairTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task A_campaign_past_90_percent_without_approval_is_reported_and_gets_its_approval()
    {
        var campaign = await db.CampaignWithoutApprovalAsync("no-approval");

        (await db.CheckAsync()).Finding(FindingKinds.CampaignWithoutApproval, campaign).Detail.ShouldContain("is at 95 %");

        var outcome = await db.ShouldCompensateAsync(FindingKinds.CampaignWithoutApproval, campaign,
            typeof(ApprovalRequested), typeof(InventoryReserved), typeof(CampaignApprovalRequested), typeof(RepairRecorded));

        var requested = outcome.Events.OfType<ApprovalRequested>().Single();
        requested.ProbabilityBefore.ShouldBe(75);
        requested.ProbabilityAfter.ShouldBe(95);
        var approval = await db.RowAsync($"select id, status, probability_before, probability_after, reservation_id from campaign_approvals where campaign_id = '{campaign}'");
        approval["id"].ShouldBe(requested.ApprovalId);
        approval["status"].ShouldBe("pending");
        approval["probability_before"].ShouldBe(75);
        approval["probability_after"].ShouldBe(95);
        approval["reservation_id"].ShouldBe(requested.ReservationId);
        var reservation = await db.RowAsync($"select status, seats, approval_id from inventory_reservations where id = '{requested.ReservationId}'");
        reservation["status"].ShouldBe("reserved");
        reservation["seats"].ShouldBe(150);
        reservation["approval_id"].ShouldBe(requested.ApprovalId);
        var row = await db.RowAsync($"select probability, status, approval_request_id, reservation_id from program_campaigns where id = '{campaign}'");
        row["probability"].ShouldBe(95);
        row["status"].ShouldBe("draft");
        row["approval_request_id"].ShouldBe(requested.ApprovalId);
        row["reservation_id"].ShouldBe(requested.ReservationId);
    }
}
