using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Enrollments.EnrollmentScenario;

namespace EventSourced.Domain.Tests.Enrollments;

/// <summary>The backfill: a legacy (programType-only) enrollment is linked to the program the lookup finds.</summary>
public class LinkingLegacyEnrollments
{
    [Fact]
    public void GivenLegacyEnrollment_WhenLinked_ThenItIsLinkedToTheProgramAndCampaign()
    {
        var enrollment = Legacy();
        var context = Context(campaignId: Guid.NewGuid());

        var linked = EnrollmentDecisions.Link(enrollment, context, Now).ShouldEmitSingle<EnrollmentLinkedToProgram>();

        linked.ShouldBe(new EnrollmentLinkedToProgram(enrollment.Id, context.ProgramId, "mentorship-v2", context.BeneficiaryGroupId,
            context.CampaignId, Now));
    }

    [Fact]
    public void GivenLegacyEnrollment_WhenLinkedWithoutCampaign_ThenTheLinkHasNoCampaign()
    {
        var enrollment = Legacy();
        var context = Context(campaignId: null);

        var linked = EnrollmentDecisions.Link(enrollment, context, Now).ShouldEmitSingle<EnrollmentLinkedToProgram>();

        linked.ShouldSatisfyAllConditions(
            l => l.EnrollmentId.ShouldBe(enrollment.Id),
            l => l.ProgramId.ShouldBe(context.ProgramId),
            l => l.ProgramType.ShouldBe("mentorship-v2"),
            l => l.BeneficiaryGroupId.ShouldBe(context.BeneficiaryGroupId),
            l => l.CampaignId.ShouldBeNull(),
            l => l.LinkedAt.ShouldBe(Now));
    }

    [Fact]
    public void GivenLegacyEnrollment_WhenLinkedAndFolded_ThenItIsNoLongerLegacy()
    {
        var enrollment = Legacy();
        var context = Context(campaignId: Guid.NewGuid());

        var linked = EnrollmentDecisions.Link(enrollment, context, Now).ShouldEmitSingle<EnrollmentLinkedToProgram>();

        enrollment.When(linked).ShouldSatisfyAllConditions(
            e => e.IsLegacy.ShouldBeFalse(),
            e => e.ProgramId.ShouldBe(context.ProgramId),
            e => e.ProgramType.ShouldBe("mentorship-v2"),
            e => e.CampaignId.ShouldBe(context.CampaignId),
            e => e.BeneficiaryGroupId.ShouldBe(context.BeneficiaryGroupId),
            e => e.UpdatedAt.ShouldBe(Now));
    }

    [Fact]
    public void GivenEnrollmentAlreadyLinked_WhenLinkedToTheSameProgram_ThenNothingHappens()
    {
        var context = Context();

        EnrollmentDecisions.Link(Linked(context), context, Now).ShouldEmitNothing();
    }

    [Fact]
    public void GivenEnrollmentAlreadyLinked_WhenLinkedToAnotherProgram_ThenNothingHappens() =>
        EnrollmentDecisions.Link(Linked(Context()), Context(), Now).ShouldEmitNothing();

    [Fact]
    public void GivenLegacyEnrollmentLinkedOnce_WhenLinkedAgain_ThenNothingHappens()
    {
        var enrollment = Legacy();
        var context = Context();
        var linked = EnrollmentDecisions.Link(enrollment, context, Now).ShouldEmitSingle<EnrollmentLinkedToProgram>();

        EnrollmentDecisions.Link(enrollment.When(linked), context, Now).ShouldEmitNothing();
    }
}
