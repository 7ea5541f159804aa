using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Tests.Programs;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;
using static EventSourced.Domain.Tests.Repairs.RepairScenario;

namespace EventSourced.Domain.Tests.Repairs;

/// <summary>
/// Finding approval-without-order: an approved approval whose order was never created gets it, with the reservation's
/// conversion and the campaign's win when those are missing too.
/// </summary>
public class CreatingMissingOrders
{
    [Fact]
    public void GivenApprovedApprovalWithNothingElseAppended_WhenTheOrderIsCreated_ThenTheOrderTheConversionTheWinAndTheRepairAreRecordedInThatOrder()
    {
        var events = CreateOrder(ApprovedWithoutOrder()).ShouldBeAccepted();

        events.ShouldBe(
        [
            new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, Seats: 25, new Budget(25000.00m, "EUR"), Now),
            new ReservationConverted(ReservationId, OrderId, Now),
            new CampaignWon(CampaignId, ApprovalId, OrderId, Now),
            new RepairRecorded(ApprovalId, "approval-without-order", "Integrity check 2026-11-23 flagged it", "ops.oncall@example.org", Now),
        ]);
    }

    [Fact]
    public void GivenApprovedApprovalWhoseReservationWasConverted_WhenTheOrderIsCreated_ThenTheReservationIsNotConvertedAgain()
    {
        var events = CreateOrder(ApprovedWithConvertedReservation()).ShouldBeAccepted();

        events.ShouldBe(
        [
            new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, 25, Eur25K, Now),
            new CampaignWon(CampaignId, ApprovalId, OrderId, Now),
            Recorded(ApprovalId, FindingKinds.ApprovalWithoutOrder),
        ]);
    }

    [Fact]
    public void GivenApprovedApprovalWhoseCampaignWasWon_WhenTheOrderIsCreated_ThenTheCampaignIsNotWonAgain()
    {
        var events = CreateOrder(ApprovedWithWonCampaign()).ShouldBeAccepted();

        events.ShouldBe(
        [
            new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, 25, Eur25K, Now),
            new ReservationConverted(ReservationId, OrderId, Now),
            Recorded(ApprovalId, FindingKinds.ApprovalWithoutOrder),
        ]);
    }

    [Fact]
    public void GivenApprovedApprovalWhoseReservationWasConvertedAndCampaignWon_WhenTheOrderIsCreated_ThenOnlyTheOrderAndTheRepairAreRecorded()
    {
        // The normal approval, minus its OrderCreated.
        var events = CreateOrder(Approved()).ShouldBeAccepted();

        events.ShouldBe(
        [
            new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, 25, Eur25K, Now),
            Recorded(ApprovalId, FindingKinds.ApprovalWithoutOrder),
        ]);
    }

    [Fact]
    public void GivenApprovedApprovalWhoseReservationWasReleased_WhenTheOrderIsCreated_ThenTheReleasedReservationIsNotConverted()
    {
        var released = Fold(ApprovedWithoutOrder(), new ReservationReleased(ReservationId, "released by hand", FirstDecided));

        var events = CreateOrder(released).ShouldBeAccepted();

        events.ShouldBe(
        [
            new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, 25, Eur25K, Now),
            new CampaignWon(CampaignId, ApprovalId, OrderId, Now),
            Recorded(ApprovalId, FindingKinds.ApprovalWithoutOrder),
        ]);
    }

    [Fact]
    public void GivenApprovedApprovalForACampaignWithoutBudget_WhenTheOrderIsCreated_ThenTheOrderHasNoAmount()
    {
        var pending = Pending(75, 92, budget: null);
        var approved = Fold(pending, new ApprovalApproved(ApprovalId, FirstReviewer, FirstReason, OrderId, FirstDecided));

        var order = CreateOrder(approved).ShouldBeAccepted()[0];

        order.ShouldBe(new OrderCreated(OrderId, CampaignId, ApprovalId, ReservationId, 25, Amount: null, Now));
    }

    [Fact]
    public void GivenApprovedApprovalWithNothingElseAppended_WhenTheRepairIsFolded_ThenTheStreamsLookAsIfTheApprovalHadCompleted()
    {
        var broken = ApprovedWithoutOrder();

        var after = Fold(broken, CreateOrder(broken).ShouldBeAccepted());

        after.Approval.ShouldBe(broken.Approval);
        after.Reservation.ShouldBe(broken.Reservation with { Status = ReservationStatus.Converted, OrderId = OrderId, UpdatedAt = Now });
        after.Campaign.ShouldBe(broken.Campaign with
        {
            Status = CampaignStatus.Won,
            Probability = 100,
            ApprovalStatus = ApprovalStatus.Approved,
            OrderId = OrderId,
            UpdatedAt = Now,
        });
    }

    [Fact]
    public void GivenApprovedApprovalWithNothingElseAppended_WhenRepairedTwice_ThenTheSecondTimeAppendsNothing()
    {
        var broken = ApprovedWithoutOrder();
        var repaired = Fold(broken, CreateOrder(broken).ShouldBeAccepted());

        CreateOrder(repaired, orderExists: true).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenApprovedApprovalWhoseOrderExists_WhenTheOrderIsCreated_ThenTheFindingNoLongerHoldsAndNothingIsAppended()
    {
        CreateOrder(Approved(), orderExists: true).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenApprovedApprovalWhoseOrderExistsButNothingElse_WhenTheOrderIsCreated_ThenNothingIsAppended()
    {
        // An existing order means the finding does not hold: the conversion and the win are not this repair's business.
        CreateOrder(ApprovedWithoutOrder(), orderExists: true).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenPendingApproval_WhenTheOrderIsCreated_ThenItConflictsBecauseTheApprovalIsNotApproved()
    {
        var error = CreateOrder(Pending()).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe(RepairDecisions.NotRepairable);
        error.Detail.ShouldBe($"Approval {ApprovalId} is pending, not approved; it needs no order.");
        error.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void GivenRejectedApproval_WhenTheOrderIsCreated_ThenItConflictsBecauseTheApprovalIsNotApproved()
    {
        var error = CreateOrder(Rejected()).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Finding does not hold");
        error.Detail.ShouldBe($"Approval {ApprovalId} is rejected, not approved; it needs no order.");
    }

    [Fact]
    public void GivenRejectedApproval_WhenTheOrderIsCreatedAlthoughAnOrderStreamExists_ThenItStillConflicts()
    {
        CreateOrder(Rejected(), orderExists: true).ShouldBeRejected(ErrorKind.Conflict).Title.ShouldBe(RepairDecisions.NotRepairable);
    }
}
