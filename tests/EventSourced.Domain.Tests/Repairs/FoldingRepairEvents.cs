using EventSourced.Domain.Approvals;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Tests.Enrollments;
using EventSourced.Domain.Tests.Programs;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;
using static EventSourced.Domain.Tests.Repairs.RepairScenario;

namespace EventSourced.Domain.Tests.Repairs;

/// <summary>
/// The folds the repairs rely on: <see cref="CampaignState.ProbabilityBeforeCrossing"/> (what a repaired approval restores
/// on rejection), <see cref="EnrollmentUnlinked"/>, and <see cref="RepairRecorded"/>, which changes no stream's state.
/// </summary>
public class FoldingRepairEvents
{
    [Theory]
    [InlineData(0)]
    [InlineData(75)]
    [InlineData(89)]
    public void GivenCampaignThatNeverReached90_WhenFolded_ThenNoCrossingIsRecorded(int probability)
    {
        Campaign(probability).ProbabilityBeforeCrossing.ShouldBeNull();
    }

    [Theory]
    [InlineData(75, 92)]
    [InlineData(89, 90)]
    [InlineData(0, 90)]
    [InlineData(10, 100)]
    public void GivenCampaignBelow90_WhenAChangeTo90OrMoreIsFolded_ThenTheProbabilityBeforeItIsRecorded(int before, int after)
    {
        var campaign = CrossedWithoutApproval(before, after);

        campaign.Probability.ShouldBe(after);
        campaign.ProbabilityBeforeCrossing.ShouldBe(before);
    }

    [Fact]
    public void GivenCampaignSetFrom0To92_WhenFolded_ThenTheCrossingIsFrom0()
    {
        Campaign(92).ProbabilityBeforeCrossing.ShouldBe(0);
    }

    [Fact]
    public void GivenCampaignThatCrossed_WhenChangesAbove90AreFolded_ThenTheCrossingIsKept()
    {
        var campaign = Fold(CrossedWithoutApproval(75, 92),
            new CampaignProbabilityChanged(CampaignId, 92, 97, Requested.AddHours(1)),
            new CampaignProbabilityChanged(CampaignId, 97, 90, Requested.AddHours(2)));

        campaign.Probability.ShouldBe(90);
        campaign.ProbabilityBeforeCrossing.ShouldBe(75);
    }

    [Fact]
    public void GivenCampaignThatCrossed_WhenADropBelow90IsFolded_ThenTheLastCrossingIsKept()
    {
        var campaign = Fold(CrossedWithoutApproval(75, 92), new CampaignProbabilityChanged(CampaignId, 92, 60, Requested.AddHours(1)));

        campaign.Probability.ShouldBe(60);
        campaign.ProbabilityBeforeCrossing.ShouldBe(75);
    }

    [Fact]
    public void GivenCampaignThatCrossedAndDropped_WhenASecondCrossingIsFolded_ThenTheSecondCrossingReplacesTheFirst()
    {
        var campaign = Fold(CrossedWithoutApproval(75, 92),
            new CampaignProbabilityChanged(CampaignId, 92, 60, Requested.AddHours(1)),
            new CampaignProbabilityChanged(CampaignId, 60, 91, Requested.AddHours(2)));

        campaign.ProbabilityBeforeCrossing.ShouldBe(60);
    }

    [Fact]
    public void GivenCampaignAt75_WhenTheWorkflowsCrossingIsFolded_ThenTheCrossingIsRecorded()
    {
        var campaign = Campaign(75);

        var after = Fold(campaign, [.. Change(campaign, 92).ShouldBeAccepted()]);

        after.ProbabilityBeforeCrossing.ShouldBe(75);
    }

    [Fact]
    public void GivenCampaignAt75_WhenTheCrossingIsFoldedWithTheWorkflowOff_ThenTheCrossingIsStillRecorded()
    {
        var campaign = Campaign(75);

        var after = Fold(campaign, [.. Change(campaign, 92, workflowEnabled: false).ShouldBeAccepted()]);

        after.ApprovalStatus.ShouldBeNull();
        after.ProbabilityBeforeCrossing.ShouldBe(75);
    }

    [Fact]
    public void GivenPendingCampaign_WhenTheRejectionAndTheWinAreFolded_ThenTheCrossingIsKept()
    {
        Rejected().Campaign.ProbabilityBeforeCrossing.ShouldBe(75);
        Approved().Campaign.ProbabilityBeforeCrossing.ShouldBe(75);
    }

    [Fact]
    public void GivenLinkedEnrollment_WhenAnUnlinkOfTheProgramIsFolded_ThenProgramCampaignAndGroupAreClearedAndProgramTypeStays()
    {
        var context = EnrollmentScenario.Context(campaignId: Guid.NewGuid());
        var enrollment = EnrollmentScenario.Linked(context);

        var after = Fold(enrollment, new EnrollmentUnlinked(enrollment.Id, context.ProgramId, MissingCampaignId: null, Now));

        after.ShouldBe(enrollment with { ProgramId = null, CampaignId = null, BeneficiaryGroupId = null, UpdatedAt = Now });
        after.ProgramType.ShouldBe(enrollment.ProgramType);
    }

    [Fact]
    public void GivenLinkedEnrollment_WhenAnUnlinkOfProgramAndCampaignIsFolded_ThenItIsTheSameAsUnlinkingTheProgram()
    {
        var context = EnrollmentScenario.Context(campaignId: Guid.NewGuid());
        var enrollment = EnrollmentScenario.Linked(context);

        var both = Fold(enrollment, new EnrollmentUnlinked(enrollment.Id, context.ProgramId, context.CampaignId, Now));
        var programOnly = Fold(enrollment, new EnrollmentUnlinked(enrollment.Id, context.ProgramId, null, Now));

        both.ShouldBe(programOnly);
    }

    [Fact]
    public void GivenLinkedEnrollment_WhenAnUnlinkOfTheCampaignIsFolded_ThenOnlyTheCampaignIsCleared()
    {
        var context = EnrollmentScenario.Context(campaignId: Guid.NewGuid());
        var enrollment = EnrollmentScenario.Linked(context);

        var after = Fold(enrollment, new EnrollmentUnlinked(enrollment.Id, MissingProgramId: null, context.CampaignId, Now));

        after.ShouldBe(enrollment with { CampaignId = null, UpdatedAt = Now });
    }

    [Fact]
    public void GivenNoStream_WhenAnUnlinkIsFolded_ThenThereIsNoEnrollment()
    {
        EnrollmentState.Evolve(null, new EnrollmentUnlinked(Guid.NewGuid(), Guid.NewGuid(), null, Now)).ShouldBeNull();
    }

    [Fact]
    public void GivenEveryStreamARepairWritesTo_WhenRepairRecordedIsFolded_ThenNoStateChanges()
    {
        var workflow = Pending();
        var enrollment = EnrollmentScenario.Linked(EnrollmentScenario.Context(campaignId: Guid.NewGuid()));
        var recorded = Recorded(CampaignId, FindingKinds.CampaignWithoutApproval);

        CampaignState.Evolve(workflow.Campaign, recorded).ShouldBeSameAs(workflow.Campaign);
        ApprovalState.Evolve(workflow.Approval, recorded).ShouldBeSameAs(workflow.Approval);
        ReservationState.Evolve(workflow.Reservation, recorded).ShouldBeSameAs(workflow.Reservation);
        EnrollmentState.Evolve(enrollment, recorded).ShouldBeSameAs(enrollment);
    }

    [Fact]
    public void GivenRepairRecorded_WhenItIsTheFirstEventFolded_ThenItStartsNoStream()
    {
        var recorded = Recorded(ApprovalId, FindingKinds.ApprovalWithoutOrder);

        CampaignState.Evolve(null, recorded).ShouldBeNull();
        ApprovalState.Evolve(null, recorded).ShouldBeNull();
        ReservationState.Evolve(null, recorded).ShouldBeNull();
        EnrollmentState.Evolve(null, recorded).ShouldBeNull();
    }

    private static CampaignState Fold(CampaignState campaign, params object[] events) => Folded(campaign, events, CampaignState.Evolve);

    private static EnrollmentState Fold(EnrollmentState enrollment, params object[] events) => Folded(enrollment, events, EnrollmentState.Evolve);
}
