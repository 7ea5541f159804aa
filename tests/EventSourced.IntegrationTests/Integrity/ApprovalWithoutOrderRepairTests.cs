using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.IntegrationTests.Approvals;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary><c>approval-without-order</c>: an approved approval whose order was never created gets it, and the workflow's other
/// effects (reservation converted, campaign won) with it.</summary>
public sealed class ApprovalWithoutOrderRepairTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task An_approval_approved_without_its_order_is_reported_and_the_order_created()
    {
        var (workflow, order) = await db.ApprovalWithoutOrderAsync("no-order");

        var finding = (await db.CheckAsync()).Finding(FindingKinds.ApprovalWithoutOrder, workflow.Approval);
        finding.Detail.ShouldContain($"approved by reviewer-8 but order {order} was never created");

        await db.ShouldCompensateAsync(FindingKinds.ApprovalWithoutOrder, workflow.Approval,
            typeof(OrderCreated), typeof(ReservationConverted), typeof(CampaignWon), typeof(RepairRecorded));

        var row = await db.RowAsync($"select campaign_id, approval_id, reservation_id, seats, amount, currency from orders where id = '{order}'");
        row["campaign_id"].ShouldBe(workflow.Campaign);
        row["approval_id"].ShouldBe(workflow.Approval);
        row["reservation_id"].ShouldBe(workflow.Reservation);
        row["seats"].ShouldBe(150);
        row["amount"].ShouldBe(25000.50m);
        row["currency"].ShouldBe("EUR");
        var reservation = await db.RowAsync($"select status, order_id from inventory_reservations where id = '{workflow.Reservation}'");
        reservation["status"].ShouldBe("converted");
        reservation["order_id"].ShouldBe(order);
        var campaign = await db.RowAsync($"select status, probability, order_id from program_campaigns where id = '{workflow.Campaign}'");
        campaign["status"].ShouldBe("won");
        campaign["probability"].ShouldBe(100);
        campaign["order_id"].ShouldBe(order);
        await db.ShouldPassRunbookDiagnosesAsync();
    }
}
