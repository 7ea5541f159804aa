using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Commands;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Tests.Programs;
using static EventSourced.Domain.Tests.Enrollments.EnrollmentScenario;
using static EventSourced.Domain.Tests.Repairs.RepairScenario;

namespace EventSourced.Domain.Tests.Repairs;

/// <summary>
/// Finding orphaned-enrollment: an enrollment's references to a program or campaign without a stream are dropped. A missing
/// program takes the campaign and beneficiary group with it; ProgramType, the legacy key, stays.
/// </summary>
public class UnlinkingOrphanedEnrollments
{
    [Fact]
    public void GivenEnrollmentWhoseProgramAndCampaignAreMissing_WhenUnlinked_ThenBothAreNamedAndTheRepairIsRecordedOnTheEnrollment()
    {
        var context = Context(campaignId: Guid.NewGuid());
        var enrollment = Linked(context);

        var events = Unlink(enrollment, programExists: false, campaignExists: false).ShouldBeAccepted();

        events.ShouldBe(
        [
            new EnrollmentUnlinked(enrollment.Id, MissingProgramId: context.ProgramId, MissingCampaignId: context.CampaignId, Now),
            new RepairRecorded(enrollment.Id, "orphaned-enrollment", "Integrity check 2026-11-23 flagged it", "ops.oncall@example.org", Now),
        ]);
    }

    [Fact]
    public void GivenEnrollmentWhoseProgramIsMissingButCampaignExists_WhenUnlinked_ThenOnlyTheProgramIsNamed()
    {
        var context = Context(campaignId: Guid.NewGuid());
        var enrollment = Linked(context);

        var events = Unlink(enrollment, programExists: false, campaignExists: true).ShouldBeAccepted();

        events.ShouldBe(
        [
            new EnrollmentUnlinked(enrollment.Id, context.ProgramId, MissingCampaignId: null, Now),
            Orphaned(enrollment.Id),
        ]);
        ((EnrollmentUnlinked)events[0]).UnlinksProgram.ShouldBeTrue();
    }

    [Fact]
    public void GivenEnrollmentWithoutCampaignWhoseProgramIsMissing_WhenUnlinked_ThenOnlyTheProgramIsNamed()
    {
        var context = Context(campaignId: null);
        var enrollment = Linked(context);

        var events = Unlink(enrollment, programExists: false, campaignExists: false).ShouldBeAccepted();

        events.ShouldBe([new EnrollmentUnlinked(enrollment.Id, context.ProgramId, null, Now), Orphaned(enrollment.Id)]);
    }

    [Fact]
    public void GivenEnrollmentWhoseCampaignIsMissing_WhenUnlinked_ThenOnlyTheCampaignIsNamed()
    {
        var context = Context(campaignId: Guid.NewGuid());
        var enrollment = Linked(context);

        var events = Unlink(enrollment, programExists: true, campaignExists: false).ShouldBeAccepted();

        events.ShouldBe([new EnrollmentUnlinked(enrollment.Id, MissingProgramId: null, context.CampaignId, Now), Orphaned(enrollment.Id)]);
        ((EnrollmentUnlinked)events[0]).UnlinksProgram.ShouldBeFalse();
    }

    [Fact]
    public void GivenEnrollmentWithACampaignButNoProgram_WhenTheCampaignIsMissing_ThenOnlyTheCampaignIsNamed()
    {
        var campaignId = Guid.NewGuid();
        var enrollment = Given(CreatedEvent() with { CampaignId = campaignId });

        var events = Unlink(enrollment, programExists: false, campaignExists: false).ShouldBeAccepted();

        events.ShouldBe([new EnrollmentUnlinked(enrollment.Id, null, campaignId, Now), Orphaned(enrollment.Id)]);
    }

    [Fact]
    public void GivenEnrollmentWhoseProgramIsMissing_WhenTheUnlinkIsFolded_ThenProgramCampaignAndGroupAreClearedAndProgramTypeStays()
    {
        var enrollment = Linked(Context(campaignId: Guid.NewGuid()), EnrollmentStatus.Withdrawn);

        var after = Fold(enrollment, Unlink(enrollment, programExists: false, campaignExists: true).ShouldBeAccepted());

        after.ShouldBe(enrollment with { ProgramId = null, CampaignId = null, BeneficiaryGroupId = null, UpdatedAt = Now });
        after.ProgramType.ShouldBe("mentorship-v2");
        after.Status.ShouldBe(EnrollmentStatus.Withdrawn);
        after.IsLegacy.ShouldBeTrue();
    }

    [Fact]
    public void GivenEnrollmentWhoseCampaignIsMissing_WhenTheUnlinkIsFolded_ThenOnlyTheCampaignIsCleared()
    {
        var context = Context(campaignId: Guid.NewGuid());
        var enrollment = Linked(context);

        var after = Fold(enrollment, Unlink(enrollment, programExists: true, campaignExists: false).ShouldBeAccepted());

        after.ShouldBe(enrollment with { CampaignId = null, UpdatedAt = Now });
        after.ProgramId.ShouldBe(context.ProgramId);
        after.BeneficiaryGroupId.ShouldBe(context.BeneficiaryGroupId);
        after.IsLegacy.ShouldBeFalse();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void GivenOrphanedEnrollment_WhenUnlinkedTwice_ThenTheSecondTimeAppendsNothing(bool programExists, bool campaignExists)
    {
        var enrollment = Linked(Context(campaignId: Guid.NewGuid()));
        var repaired = Fold(enrollment, Unlink(enrollment, programExists, campaignExists).ShouldBeAccepted());

        // The caller asks only about references the enrollment still has; the missing ones are still missing.
        Unlink(repaired, programExists, campaignExists).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenEnrollmentWhoseProgramAndCampaignExist_WhenUnlinked_ThenTheFindingNoLongerHoldsAndNothingIsAppended()
    {
        var enrollment = Linked(Context(campaignId: Guid.NewGuid()));

        Unlink(enrollment, programExists: true, campaignExists: true).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void GivenEnrollmentWithoutCampaignWhoseProgramExists_WhenUnlinked_ThenTheCampaignFlagIsIgnoredAndNothingIsAppended()
    {
        var enrollment = Linked(Context(campaignId: null));

        Unlink(enrollment, programExists: true, campaignExists: false).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void GivenLegacyEnrollmentWithoutProgram_WhenUnlinked_ThenTheFlagsAreIgnoredAndNothingIsAppended(bool programExists, bool campaignExists)
    {
        Unlink(Legacy(), programExists, campaignExists).ShouldBeAccepted().ShouldBeEmpty();
    }

    private static Decision Unlink(EnrollmentState enrollment, bool programExists, bool campaignExists, Repair? repair = null) =>
        RepairDecisions.UnlinkEnrollment(enrollment, programExists, campaignExists, new UnlinkOrphanedEnrollment(enrollment.Id, repair ?? ValidRepair), Now);

    private static RepairRecorded Orphaned(Guid enrollmentId) => new(enrollmentId, FindingKinds.OrphanedEnrollment, Reason, Operator, Now);

    private static EnrollmentState Fold(EnrollmentState enrollment, IEnumerable<object> events) => Folded(enrollment, events, EnrollmentState.Evolve);
}
