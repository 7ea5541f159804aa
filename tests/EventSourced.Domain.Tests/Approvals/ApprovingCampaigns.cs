using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Tests.Programs;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;

namespace EventSourced.Domain.Tests.Approvals;

/// <summary>Runbook 002, approve: the reservation becomes an order and the campaign is won at 100 %.</summary>
public class ApprovingCampaigns
{
    [Fact]
    public void GivenPendingApproval_WhenApproved_ThenTheApprovalTheOrderTheConversionAndTheWinAreRecordedInThatOrder()
    {
        var events = Decide(Pending(), Approve()).ShouldBeAccepted();

        events.Count.ShouldBe(4);
        events[0].ShouldBe(new ApprovalApproved(ApprovalId, "anna.reviewer@example.org", "Budget confirmed by the client", OrderId, Now));
        events[1].ShouldBe(new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, Seats: 25, Amount: new Budget(25000.00m, "EUR"), Now));
        events[2].ShouldBe(new ReservationConverted(ReservationId, OrderId, Now));
        events[3].ShouldBe(new CampaignWon(CampaignId, ApprovalId, OrderId, Now));
    }

    [Fact]
    public void GivenPendingApproval_WhenApprovedWithoutAReason_ThenTheApprovalRecordsNoReason()
    {
        var events = Decide(Pending(), Approve(reason: null)).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalApproved(ApprovalId, Reviewer, Reason: null, OrderId, Now));
    }

    [Fact]
    public void GivenPendingApproval_WhenTheApprovalIsFolded_ThenTheApprovalIsApprovedByTheTrimmedReviewerWithTheOrder()
    {
        var pending = Pending();

        var after = Fold(pending, Decide(pending, Approve()).ShouldBeAccepted()).Approval;

        after.ShouldBe(pending.Approval with
        {
            Status = ApprovalStatus.Approved,
            ReviewerId = "anna.reviewer@example.org",
            Reason = "Budget confirmed by the client",
            OrderId = OrderId,
            DecidedAt = Now,
        });
    }

    [Fact]
    public void GivenPendingApproval_WhenTheApprovalIsFolded_ThenTheReservationIsConvertedIntoTheOrder()
    {
        var pending = Pending();

        var after = Fold(pending, Decide(pending, Approve()).ShouldBeAccepted()).Reservation;

        after.ShouldBe(pending.Reservation with { Status = ReservationStatus.Converted, OrderId = OrderId, UpdatedAt = Now });
    }

    [Fact]
    public void GivenPendingApproval_WhenTheApprovalIsFolded_ThenTheCampaignIsWonAt100WithTheOrder()
    {
        var pending = Pending();

        var after = Fold(pending, Decide(pending, Approve()).ShouldBeAccepted()).Campaign;

        after.ShouldBe(pending.Campaign with
        {
            Status = CampaignStatus.Won,
            Probability = 100,
            ApprovalStatus = ApprovalStatus.Approved,
            OrderId = OrderId,
            UpdatedAt = Now,
        });
        after.ApprovalId.ShouldBe(ApprovalId);
        after.ReservationId.ShouldBe(ReservationId);
    }

    [Fact]
    public void GivenCampaignWithoutBudget_WhenApproved_ThenTheOrderHasNoAmount()
    {
        var events = Decide(Pending(75, 92, budget: null), Approve()).ShouldBeAccepted();

        events[1].ShouldBe(new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, 25, Amount: null, Now));
    }

    [Fact]
    public void GivenReservationForFewerSeatsThanTheCampaignNowHas_WhenApproved_ThenTheOrderTakesTheReservedSeatsAndBudget()
    {
        var pending = Pending();
        var reserved = pending with { Reservation = pending.Reservation with { Seats = 12, Budget = new Budget(9000m, "USD") } };

        var events = Decide(reserved, Approve()).ShouldBeAccepted();

        events[1].ShouldBe(new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, 12, new Budget(9000m, "USD"), Now));
    }
}
