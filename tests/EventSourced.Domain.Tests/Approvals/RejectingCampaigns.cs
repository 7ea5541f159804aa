using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Tests.Programs;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;

namespace EventSourced.Domain.Tests.Approvals;

/// <summary>Runbook 002, reject: the probability goes back to its value before the crossing and the reservation is released.</summary>
public class RejectingCampaigns
{
    [Fact]
    public void GivenPendingApproval_WhenRejected_ThenTheRejectionTheReleaseAndTheRestoredProbabilityAreRecordedInThatOrder()
    {
        var events = Decide(Pending(75, 92), Reject()).ShouldBeAccepted();

        events.Count.ShouldBe(3);
        events[0].ShouldBe(new ApprovalRejected(ApprovalId, "anna.reviewer@example.org", "Client cut the budget", Now));
        events[1].ShouldBe(new ReservationReleased(ReservationId, $"approval {ApprovalId} rejected: Client cut the budget", Now));
        events[2].ShouldBe(new CampaignApprovalRejected(CampaignId, ApprovalId, ProbabilityRestored: 75, Now));
    }

    [Fact]
    public void GivenPendingApproval_WhenRejectedWithoutAReason_ThenTheReleaseNamesOnlyTheApproval()
    {
        var events = Decide(Pending(), Reject(reason: null)).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalRejected(ApprovalId, Reviewer, Reason: null, Now));
        events[1].ShouldBe(new ReservationReleased(ReservationId, $"approval {ApprovalId} rejected", Now));
    }

    [Fact]
    public void GivenApprovalOpenedAt0_WhenRejected_ThenTheProbabilityRestoredIs0()
    {
        var events = Decide(Pending(0, 90), Reject()).ShouldBeAccepted();

        events[2].ShouldBe(new CampaignApprovalRejected(CampaignId, ApprovalId, 0, Now));
    }

    [Fact]
    public void GivenPendingApproval_WhenTheRejectionIsFolded_ThenTheCampaignIsBackAtItsProbabilityBeforeTheCrossing()
    {
        var pending = Pending(75, 92);

        var after = Fold(pending, Decide(pending, Reject()).ShouldBeAccepted()).Campaign;

        after.ShouldBe(pending.Campaign with { Probability = 75, ApprovalStatus = ApprovalStatus.Rejected, UpdatedAt = Now });
        after.Status.ShouldBe(CampaignStatus.Draft);
        after.OrderId.ShouldBeNull();
    }

    [Fact]
    public void GivenProbabilityRaisedFurtherWhilePending_WhenTheRejectionIsFolded_ThenTheCampaignIsBackAtItsProbabilityBeforeTheCrossing()
    {
        var pending = Pending(75, 92);
        var raised = Fold(pending, new CampaignProbabilityChanged(CampaignId, 92, 97, Requested.AddHours(1)));
        raised.Campaign.Probability.ShouldBe(97);

        var after = Fold(raised, Decide(raised, Reject()).ShouldBeAccepted()).Campaign;

        after.Probability.ShouldBe(75);
    }

    [Fact]
    public void GivenPendingApproval_WhenTheRejectionIsFolded_ThenTheApprovalIsRejectedByTheTrimmedReviewer()
    {
        var pending = Pending();

        var after = Fold(pending, Decide(pending, Reject()).ShouldBeAccepted()).Approval;

        after.ShouldBe(pending.Approval with
        {
            Status = ApprovalStatus.Rejected,
            ReviewerId = "anna.reviewer@example.org",
            Reason = "Client cut the budget",
            DecidedAt = Now,
        });
        after.OrderId.ShouldBeNull();
    }

    [Fact]
    public void GivenPendingApproval_WhenTheRejectionIsFolded_ThenTheReservationIsReleased()
    {
        var pending = Pending();

        var after = Fold(pending, Decide(pending, Reject()).ShouldBeAccepted()).Reservation;

        after.ShouldBe(pending.Reservation with { Status = ReservationStatus.Released, UpdatedAt = Now });
        after.OrderId.ShouldBeNull();
    }
}
