using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Tests.Programs;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;

namespace EventSourced.Domain.Tests.Approvals;

/// <summary>Runbook 002: a probability going from below 90 to 90 or more opens an approval and reserves the campaign's inventory.</summary>
public class CrossingTheThreshold
{
    [Fact]
    public void GivenCampaignAt75_WhenSetTo92_ThenTheChangeTheApprovalTheReservationAndTheCampaignsWaitAreRecordedInThatOrder()
    {
        var events = Change(Campaign(75), 92).ShouldBeAccepted();

        events.Count.ShouldBe(4);
        events[0].ShouldBe(new CampaignProbabilityChanged(CampaignId, 75, 92, Now));
        events[1].ShouldBe(new ApprovalRequested(ApprovalId, CampaignId, ReservationId, ProbabilityBefore: 75, ProbabilityAfter: 92, Now));
        events[2].ShouldBe(new InventoryReserved(ReservationId, CampaignId, ApprovalId, Seats: 25, new Budget(25000.00m, "EUR"),
            new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30), Now));
        events[3].ShouldBe(new CampaignApprovalRequested(CampaignId, ApprovalId, ReservationId, ProbabilityBefore: 75, Now));
    }

    [Fact]
    public void GivenCampaignAt75_WhenTheCrossingIsFolded_ThenTheCampaignWaitsOnTheApprovalAndItsReservation()
    {
        var campaign = Campaign(75);

        var after = Change(campaign, 92).ShouldBeAccepted().Aggregate(campaign, (c, e) => CampaignState.Evolve(c, e)!);

        after.ShouldBe(campaign with
        {
            Probability = 92,
            ProbabilityBeforeCrossing = 75,
            ApprovalId = ApprovalId,
            ApprovalStatus = ApprovalStatus.Pending,
            ReservationId = ReservationId,
            UpdatedAt = Now,
        });
        after.Status.ShouldBe(CampaignStatus.Draft);
        after.OrderId.ShouldBeNull();
    }

    [Fact]
    public void GivenCampaignAt75_WhenTheCrossingIsFolded_ThenTheApprovalIsPendingAndRemembersTheProbabilityBefore()
    {
        var approval = Change(Campaign(75), 92).ShouldBeAccepted().Aggregate((ApprovalState?)null, ApprovalState.Evolve);

        approval.ShouldBe(new ApprovalState(ApprovalId, CampaignId, ReservationId, ProbabilityBefore: 75, ProbabilityAfter: 92,
            ApprovalStatus.Pending, ReviewerId: null, Reason: null, OrderId: null, RequestedAt: Now, DecidedAt: null));
    }

    [Fact]
    public void GivenCampaignAt75_WhenTheCrossingIsFolded_ThenTheReservationHoldsTheSeatsAndTheBudget()
    {
        var reservation = Change(Campaign(75), 92).ShouldBeAccepted().Aggregate((ReservationState?)null, ReservationState.Evolve);

        reservation.ShouldBe(new ReservationState(ReservationId, CampaignId, ApprovalId, Seats: 25, new Budget(25000.00m, "EUR"),
            ReservationStatus.Reserved, OrderId: null, ReservedAt: Now, UpdatedAt: Now));
    }

    [Theory]
    [InlineData(0, 90)]
    [InlineData(89, 90)]
    [InlineData(89, 100)]
    public void GivenCampaignBelow90_WhenSetTo90OrMore_ThenAnApprovalIsOpened(int from, int to)
    {
        var events = Change(Campaign(from), to).ShouldBeAccepted();

        events.ShouldBe(
        [
            new CampaignProbabilityChanged(CampaignId, from, to, Now),
            new ApprovalRequested(ApprovalId, CampaignId, ReservationId, from, to, Now),
            new InventoryReserved(ReservationId, CampaignId, ApprovalId, 25, Eur25K, Start, End, Now),
            new CampaignApprovalRequested(CampaignId, ApprovalId, ReservationId, from, Now),
        ]);
    }

    [Theory]
    [InlineData(0, 89)]
    [InlineData(75, 80)]
    public void GivenCampaignBelow90_WhenRaisedButStillBelow90_ThenOnlyTheChangeIsRecorded(int from, int to)
    {
        var changed = Change(Campaign(from), to).ShouldEmitSingle<CampaignProbabilityChanged>();

        changed.ShouldBe(new CampaignProbabilityChanged(CampaignId, from, to, Now));
    }

    [Theory]
    [InlineData(92, 95)]
    [InlineData(90, 95)]
    [InlineData(90, 100)]
    public void GivenCampaignAlreadyAt90OrMore_WhenRaised_ThenOnlyTheChangeIsRecorded(int from, int to)
    {
        var changed = Change(Campaign(from), to).ShouldEmitSingle<CampaignProbabilityChanged>();

        changed.ShouldBe(new CampaignProbabilityChanged(CampaignId, from, to, Now));
    }

    [Fact]
    public void GivenPendingApprovalAt80_WhenSetTo95_ThenNoSecondApprovalIsOpened()
    {
        var campaign = Given(
            CreatedEvent(Eur25K),
            new CampaignProbabilityChanged(CampaignId, 0, 80, Created),
            new CampaignApprovalRequested(CampaignId, ApprovalId, ReservationId, 80, Requested));
        campaign.ApprovalStatus.ShouldBe(ApprovalStatus.Pending);

        var changed = ApprovalWorkflow.ChangeProbability(campaign, Set(95), workflowEnabled: true, Guid.NewGuid(), Guid.NewGuid(), Now)
            .ShouldEmitSingle<CampaignProbabilityChanged>();

        changed.ShouldBe(new CampaignProbabilityChanged(CampaignId, 80, 95, Now));
    }

    [Fact]
    public void GivenCampaignAt90_WhenSetTo90Again_ThenNothingIsEmitted()
    {
        Change(Campaign(90), 90).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenPendingApprovalAt92_WhenSetTo92Again_ThenNothingIsEmitted()
    {
        Change(Pending(75, 92).Campaign, 92).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenCampaignAt92WithoutApproval_WhenLoweredTo80_ThenOnlyTheChangeIsRecorded()
    {
        var changed = Change(Campaign(92), 80).ShouldEmitSingle<CampaignProbabilityChanged>();

        changed.ShouldBe(new CampaignProbabilityChanged(CampaignId, 92, 80, Now));
    }

    [Fact]
    public void GivenWorkflowDisabled_WhenCampaignAt75IsSetTo92_ThenOnlyTheChangeIsRecorded()
    {
        var changed = Change(Campaign(75), 92, workflowEnabled: false).ShouldEmitSingle<CampaignProbabilityChanged>();

        changed.ShouldBe(new CampaignProbabilityChanged(CampaignId, 75, 92, Now));
    }

    [Fact]
    public void GivenRejectedApproval_WhenTheCampaignIsBackBelow90_ThenItsProbabilityIsTheOneBeforeTheCrossing()
    {
        var campaign = Rejected().Campaign;

        campaign.Probability.ShouldBe(75);
        campaign.ApprovalStatus.ShouldBe(ApprovalStatus.Rejected);
    }

    [Fact]
    public void GivenRejectedApproval_WhenTheProbabilityCrossesAgain_ThenANewApprovalIsOpened()
    {
        var newApprovalId = Guid.Parse("a1b2c3d4-0000-4000-8000-0000000000a2");
        var newReservationId = Guid.Parse("b1b2c3d4-0000-4000-8000-0000000000b2");

        var events = ApprovalWorkflow.ChangeProbability(Rejected().Campaign, Set(91), workflowEnabled: true, newApprovalId, newReservationId, Now)
            .ShouldBeAccepted();

        events.ShouldBe(
        [
            new CampaignProbabilityChanged(CampaignId, 75, 91, Now),
            new ApprovalRequested(newApprovalId, CampaignId, newReservationId, 75, 91, Now),
            new InventoryReserved(newReservationId, CampaignId, newApprovalId, 25, Eur25K, Start, End, Now),
            new CampaignApprovalRequested(CampaignId, newApprovalId, newReservationId, 75, Now),
        ]);
    }

    [Fact]
    public void GivenRejectedApproval_WhenTheNewCrossingIsFolded_ThenTheCampaignWaitsOnTheNewApproval()
    {
        var newApprovalId = Guid.Parse("a1b2c3d4-0000-4000-8000-0000000000a2");
        var newReservationId = Guid.Parse("b1b2c3d4-0000-4000-8000-0000000000b2");
        var rejected = Rejected().Campaign;

        var events = ApprovalWorkflow.ChangeProbability(rejected, Set(91), workflowEnabled: true, newApprovalId, newReservationId, Now)
            .ShouldBeAccepted();
        var after = events.Aggregate(rejected, (c, e) => CampaignState.Evolve(c, e)!);

        after.ShouldSatisfyAllConditions(
            c => c.Probability.ShouldBe(91),
            c => c.ApprovalId.ShouldBe(newApprovalId),
            c => c.ApprovalStatus.ShouldBe(ApprovalStatus.Pending),
            c => c.ReservationId.ShouldBe(newReservationId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(89)]
    [InlineData(95)]
    public void GivenWonCampaign_WhenTheProbabilityIsChanged_ThenItConflictsBecauseTheCampaignIsWon(int to)
    {
        var won = Approved().Campaign;

        var error = Change(won, to).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Campaign is won");
        error.Detail.ShouldBe($"Campaign {CampaignId} was won (order {OrderId}); its probability stays at 100.");
        error.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(89)]
    [InlineData(50)]
    [InlineData(0)]
    public void GivenPendingApproval_WhenLoweredBelow90_ThenItConflictsBecauseTheApprovalIsPending(int to)
    {
        var error = Change(Pending(75, 92).Campaign, to).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Approval pending");
        error.Detail.ShouldBe(
            $"Campaign {CampaignId} has pending approval {ApprovalId}; approve or reject it before lowering the probability below 90.");
        error.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(90)]
    [InlineData(95)]
    [InlineData(100)]
    public void GivenPendingApprovalAt92_WhenSetTo90OrMore_ThenOnlyTheChangeIsRecorded(int to)
    {
        var changed = Change(Pending(75, 92).Campaign, to).ShouldEmitSingle<CampaignProbabilityChanged>();

        changed.ShouldBe(new CampaignProbabilityChanged(CampaignId, 92, to, Now));
    }

    [Theory]
    [InlineData(null, "NotNullValidator")]
    [InlineData(-1, "InclusiveBetweenValidator")]
    [InlineData(101, "InclusiveBetweenValidator")]
    public void GivenCampaign_WhenTheProbabilityIsMissingOrOutOfRange_ThenProbabilityIsNamed(int? probability, string rule)
    {
        var error = Change(Campaign(75), probability).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("probability"),
            e => e.Rule.ShouldBe(rule));
    }

    [Fact]
    public void GivenCampaignWithoutBudget_WhenItCrosses_ThenTheReservationHoldsNoBudget()
    {
        var events = Change(Campaign(75, budget: null), 92).ShouldBeAccepted();

        events[2].ShouldBe(new InventoryReserved(ReservationId, CampaignId, ApprovalId, 25, Budget: null, Start, End, Now));
    }
}
