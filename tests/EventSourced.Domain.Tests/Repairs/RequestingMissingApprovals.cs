using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Tests.Programs;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;
using static EventSourced.Domain.Tests.Repairs.RepairScenario;

namespace EventSourced.Domain.Tests.Repairs;

/// <summary>
/// Finding campaign-without-approval: a campaign at 90 % or more (not won) with no pending or granted approval gets the
/// approval and reservation the crossing would have opened, remembering the probability from before the crossing.
/// </summary>
public class RequestingMissingApprovals
{
    [Fact]
    public void GivenCampaignThatCrossedFrom75To92WithoutApproval_WhenRequested_ThenTheApprovalTheReservationTheWaitAndTheRepairAreRecordedInThatOrder()
    {
        var events = RequestApproval(CrossedWithoutApproval(75, 92)).ShouldBeAccepted();

        events.ShouldBe(
        [
            new ApprovalRequested(NewApprovalId, CampaignId, NewReservationId, ProbabilityBefore: 75, ProbabilityAfter: 92, Now),
            new InventoryReserved(NewReservationId, CampaignId, NewApprovalId, Seats: 25, new Budget(25000.00m, "EUR"), new DateOnly(2027, 1, 1),
                new DateOnly(2027, 6, 30), Now),
            new CampaignApprovalRequested(CampaignId, NewApprovalId, NewReservationId, ProbabilityBefore: 75, Now),
            new RepairRecorded(CampaignId, "campaign-without-approval", "Integrity check 2026-11-23 flagged it", "ops.oncall@example.org", Now),
        ]);
    }

    [Fact]
    public void GivenCampaignRaisedFurtherAfterTheCrossing_WhenRequested_ThenTheApprovalIsFromTheProbabilityBeforeTheCrossingToTheCurrentOne()
    {
        var campaign = Fold(CrossedWithoutApproval(75, 92), new CampaignProbabilityChanged(CampaignId, 92, 97, Requested.AddHours(1)));

        var events = RequestApproval(campaign).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalRequested(NewApprovalId, CampaignId, NewReservationId, 75, 97, Now));
        events[2].ShouldBe(new CampaignApprovalRequested(CampaignId, NewApprovalId, NewReservationId, 75, Now));
    }

    [Fact]
    public void GivenCampaignThatCrossedDroppedAndCrossedAgain_WhenRequested_ThenTheLastCrossingsProbabilityBeforeIsUsed()
    {
        var campaign = Fold(CrossedWithoutApproval(75, 92),
            new CampaignProbabilityChanged(CampaignId, 92, 80, Requested.AddHours(1)),
            new CampaignProbabilityChanged(CampaignId, 80, 95, Requested.AddHours(2)));

        var events = RequestApproval(campaign).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalRequested(NewApprovalId, CampaignId, NewReservationId, 80, 95, Now));
        events[2].ShouldBe(new CampaignApprovalRequested(CampaignId, NewApprovalId, NewReservationId, 80, Now));
    }

    [Fact]
    public void GivenCampaignSetStraightFrom0To92_WhenRequested_ThenTheProbabilityBeforeIs0()
    {
        var events = RequestApproval(Campaign(92)).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalRequested(NewApprovalId, CampaignId, NewReservationId, 0, 92, Now));
        events[2].ShouldBe(new CampaignApprovalRequested(CampaignId, NewApprovalId, NewReservationId, 0, Now));
    }

    [Fact]
    public void GivenCampaignAtExactly90_WhenRequested_ThenTheApprovalIsOpened()
    {
        var events = RequestApproval(CrossedWithoutApproval(89, 90)).ShouldBeAccepted();

        events.Count.ShouldBe(4);
        events[0].ShouldBe(new ApprovalRequested(NewApprovalId, CampaignId, NewReservationId, 89, 90, Now));
    }

    [Fact]
    public void GivenCampaignWhoseStreamRecordsNoCrossing_WhenRequested_ThenTheProbabilityBeforeIsJustBelowTheThreshold()
    {
        // A stream whose first recorded change already starts at 90 (e.g. imported): no change crosses from below 90.
        var campaign = CreatedThen(new CampaignProbabilityChanged(CampaignId, 90, 95, Requested));
        campaign.ProbabilityBeforeCrossing.ShouldBeNull();

        var events = RequestApproval(campaign).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalRequested(NewApprovalId, CampaignId, NewReservationId, 89, 95, Now));
        events[2].ShouldBe(new CampaignApprovalRequested(CampaignId, NewApprovalId, NewReservationId, 89, Now));
    }

    [Fact]
    public void GivenCampaignStateWithoutARecordedCrossing_WhenRequested_ThenTheProbabilityBeforeIs89()
    {
        // E.g. a state stored before ProbabilityBeforeCrossing existed.
        var campaign = CrossedWithoutApproval(75, 92) with { ProbabilityBeforeCrossing = null };

        var events = RequestApproval(campaign).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalRequested(NewApprovalId, CampaignId, NewReservationId, ApprovalWorkflow.Threshold - 1, 92, Now));
        events[2].ShouldBe(new CampaignApprovalRequested(CampaignId, NewApprovalId, NewReservationId, 89, Now));
    }

    [Fact]
    public void GivenRejectedCampaignRaisedAgainWithTheWorkflowOff_WhenRequested_ThenANewApprovalIsOpened()
    {
        var campaign = Fold(Rejected().Campaign, new CampaignProbabilityChanged(CampaignId, 75, 95, Now.AddHours(-1)));
        campaign.ApprovalStatus.ShouldBe(ApprovalStatus.Rejected);

        var events = RequestApproval(campaign).ShouldBeAccepted();

        events.ShouldBe(
        [
            new ApprovalRequested(NewApprovalId, CampaignId, NewReservationId, 75, 95, Now),
            new InventoryReserved(NewReservationId, CampaignId, NewApprovalId, 25, Eur25K, Start, End, Now),
            new CampaignApprovalRequested(CampaignId, NewApprovalId, NewReservationId, 75, Now),
            Recorded(CampaignId, FindingKinds.CampaignWithoutApproval),
        ]);
    }

    [Fact]
    public void GivenCampaignWithoutApproval_WhenTheRepairIsFolded_ThenTheCampaignWaitsOnTheNewApprovalAndItsReservation()
    {
        var broken = CrossedWithoutApproval(75, 92);
        var events = RequestApproval(broken).ShouldBeAccepted();

        var campaign = Fold(broken, events.ToArray());
        var approval = events.Aggregate((ApprovalState?)null, ApprovalState.Evolve);
        var reservation = events.Aggregate((ReservationState?)null, ReservationState.Evolve);

        campaign.ShouldBe(broken with
        {
            ApprovalId = NewApprovalId,
            ApprovalStatus = ApprovalStatus.Pending,
            ReservationId = NewReservationId,
            UpdatedAt = Now,
        });
        campaign.ProbabilityBeforeCrossing.ShouldBe(75);
        approval.ShouldBe(new ApprovalState(NewApprovalId, CampaignId, NewReservationId, 75, 92, ApprovalStatus.Pending, null, null, null, Now, null));
        reservation.ShouldBe(new ReservationState(NewReservationId, CampaignId, NewApprovalId, 25, Eur25K, ReservationStatus.Reserved, null, Now, Now));
    }

    [Fact]
    public void GivenCampaignWithoutApproval_WhenRequestedTwice_ThenTheSecondTimeAppendsNothing()
    {
        var broken = CrossedWithoutApproval(75, 92);
        var repaired = Fold(broken, RequestApproval(broken).ShouldBeAccepted().ToArray());

        RequestApproval(repaired).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenRepairedCampaign_WhenTheNewApprovalIsRejected_ThenTheProbabilityFromBeforeTheCrossingIsRestored()
    {
        var broken = CrossedWithoutApproval(75, 92);
        var events = RequestApproval(broken).ShouldBeAccepted();
        var campaign = Fold(broken, events.ToArray());
        var approval = events.Aggregate((ApprovalState?)null, ApprovalState.Evolve)!;
        var reservation = events.Aggregate((ReservationState?)null, ReservationState.Evolve)!;

        var rejection = ApprovalWorkflow.Decide(approval, campaign, reservation,
            new DecideApproval(NewApprovalId, DecideApproval.Reject, Reviewer, "No budget"), OrderId, Now.AddDays(1)).ShouldBeAccepted();

        rejection[2].ShouldBe(new CampaignApprovalRejected(CampaignId, NewApprovalId, ProbabilityRestored: 75, Now.AddDays(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(75)]
    [InlineData(89)]
    public void GivenCampaignBelow90_WhenRequested_ThenTheFindingNoLongerHoldsAndNothingIsAppended(int probability)
    {
        RequestApproval(Campaign(probability)).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenCampaignBackBelow90AfterTheCrossing_WhenRequested_ThenNothingIsAppended()
    {
        var campaign = Fold(CrossedWithoutApproval(75, 92), new CampaignProbabilityChanged(CampaignId, 92, 60, Requested.AddHours(1)));

        RequestApproval(campaign).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenCampaignRejectedBackTo75_WhenRequested_ThenNothingIsAppended()
    {
        RequestApproval(Rejected().Campaign).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenCampaignWithPendingApproval_WhenRequested_ThenNothingIsAppended()
    {
        RequestApproval(Pending(75, 92).Campaign).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenWonCampaign_WhenRequested_ThenNothingIsAppended()
    {
        RequestApproval(Approved().Campaign).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenCampaignWithApprovedApprovalButNotWon_WhenRequested_ThenNothingIsAppended()
    {
        // Not reachable through CampaignWon (which sets both); checks the approval status condition on its own.
        var campaign = CrossedWithoutApproval(75, 92) with { ApprovalId = ApprovalId, ApprovalStatus = ApprovalStatus.Approved };

        RequestApproval(campaign).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenWonCampaignWithoutApprovalStatus_WhenRequested_ThenNothingIsAppended()
    {
        // Not reachable through CampaignWon (which sets both); checks the won condition on its own.
        var campaign = CrossedWithoutApproval(75, 92) with { Status = CampaignStatus.Won };

        RequestApproval(campaign).ShouldBeAccepted().ShouldBeEmpty();
    }

    private static CampaignState Fold(CampaignState campaign, params object[] events) => Folded(campaign, events, CampaignState.Evolve);

    private static CampaignState CreatedThen(params object[] later) => Given([CreatedEvent(Eur25K), .. later]);
}
