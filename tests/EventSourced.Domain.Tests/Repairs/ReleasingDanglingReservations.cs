using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Tests.Programs;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;
using static EventSourced.Domain.Tests.Repairs.RepairScenario;

namespace EventSourced.Domain.Tests.Repairs;

/// <summary>Finding dangling-reservation: a reservation still held although its approval was rejected (or has no stream) is released.</summary>
public class ReleasingDanglingReservations
{
    [Fact]
    public void GivenReservationHeldAfterItsApprovalWasRejected_WhenReleased_ThenTheReleaseAndTheRepairAreRecordedOnTheReservation()
    {
        var events = Release(DanglingReservation()).ShouldBeAccepted();

        events.ShouldBe(
        [
            new ReservationReleased(ReservationId, "repair by ops.oncall@example.org: Integrity check 2026-11-23 flagged it", Now),
            new RepairRecorded(ReservationId, "dangling-reservation", "Integrity check 2026-11-23 flagged it", "ops.oncall@example.org", Now),
        ]);
    }

    [Fact]
    public void GivenReservationWhoseApprovalHasNoStream_WhenReleased_ThenItIsReleased()
    {
        var dangling = DanglingReservation();

        var events = RepairDecisions.ReleaseReservation(dangling.Reservation, approval: null,
            new(ReservationId, ValidRepair), Now).ShouldBeAccepted();

        events.ShouldBe(
        [
            new ReservationReleased(ReservationId, $"repair by {Operator}: {Reason}", Now),
            Recorded(ReservationId, FindingKinds.DanglingReservation),
        ]);
    }

    [Fact]
    public void GivenDanglingReservation_WhenTheReleaseIsFolded_ThenTheReservationIsReleasedAndTheRepairChangesNothingElse()
    {
        var dangling = DanglingReservation();

        var after = Fold(dangling, Release(dangling).ShouldBeAccepted());

        after.Reservation.ShouldBe(dangling.Reservation with { Status = ReservationStatus.Released, UpdatedAt = Now });
        after.Approval.ShouldBe(dangling.Approval);
        after.Campaign.ShouldBe(dangling.Campaign);
    }

    [Fact]
    public void GivenDanglingReservation_WhenReleasedTwice_ThenTheSecondTimeAppendsNothing()
    {
        var dangling = DanglingReservation();
        var repaired = Fold(dangling, Release(dangling).ShouldBeAccepted());

        Release(repaired).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenRejectionThatReleasedTheReservation_WhenReleased_ThenTheFindingNoLongerHoldsAndNothingIsAppended()
    {
        Release(Rejected()).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenReservationConvertedIntoAnOrder_WhenReleased_ThenNothingIsAppended()
    {
        Release(Approved()).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenReleasedReservationWithoutApprovalStream_WhenReleased_ThenNothingIsAppended()
    {
        var released = Rejected().Reservation;

        RepairDecisions.ReleaseReservation(released, approval: null, new(ReservationId, ValidRepair), Now).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenReservationOfAPendingApproval_WhenReleased_ThenItConflictsBecauseTheReservationIsNotDangling()
    {
        var error = Release(Pending()).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Finding does not hold");
        error.Title.ShouldBe(RepairDecisions.NotRepairable);
        error.Detail.ShouldBe($"Reservation {ReservationId} belongs to approval {ApprovalId}, which is pending, not rejected; it is not dangling.");
        error.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void GivenReservationStillHeldByAnApprovedApproval_WhenReleased_ThenItConflictsBecauseTheReservationIsNotDangling()
    {
        var approvedButHeld = Fold(Pending(), new ApprovalApproved(ApprovalId, FirstReviewer, FirstReason, OrderId, FirstDecided));
        approvedButHeld.Reservation.Status.ShouldBe(ReservationStatus.Reserved);

        var error = Release(approvedButHeld).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe(RepairDecisions.NotRepairable);
        error.Detail.ShouldBe($"Reservation {ReservationId} belongs to approval {ApprovalId}, which is approved, not rejected; it is not dangling.");
    }
}
