using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using static EventSourced.Domain.Tests.Enrollments.EnrollmentScenario;

namespace EventSourced.Domain.Tests.Enrollments;

public class FoldingEnrollmentState
{
    [Fact]
    public void GivenEnrollmentCreatedWithProgram_WhenFolded_ThenItIsActiveAndCarriesEveryField()
    {
        var context = Context(campaignId: Guid.NewGuid());
        var created = CreatedEvent(context: context);

        var enrollment = Given(created);

        enrollment.ShouldBe(new EnrollmentState(created.EnrollmentId, UserId, CompanyId, "mentorship-v2", context.ProgramId, context.CampaignId,
            context.BeneficiaryGroupId, "buddy", ExternalEventId, EnrollmentStatus.Active, Created, Created));
        enrollment.IsLegacy.ShouldBeFalse();
    }

    [Fact]
    public void GivenLegacyEnrollmentCreated_WhenFolded_ThenItIsActiveAndLegacy()
    {
        var created = CreatedEvent();

        var enrollment = Given(created);

        enrollment.ShouldBe(new EnrollmentState(created.EnrollmentId, UserId, CompanyId, ProgramType, ProgramId: null, CampaignId: null,
            BeneficiaryGroupId: null, "buddy", ExternalEventId, EnrollmentStatus.Active, Created, Created));
        enrollment.IsLegacy.ShouldBeTrue();
    }

    [Fact]
    public void GivenLegacyEnrollment_WhenLinkedIsFolded_ThenTheProgramFieldsAreSetAndTheRestIsKept()
    {
        var created = CreatedEvent();
        var context = Context(campaignId: Guid.NewGuid());
        var linked = new EnrollmentLinkedToProgram(created.EnrollmentId, context.ProgramId, context.ProgramType, context.BeneficiaryGroupId,
            context.CampaignId, Now);

        var enrollment = Given(created, linked);

        enrollment.ShouldBe(new EnrollmentState(created.EnrollmentId, UserId, CompanyId, "mentorship-v2", context.ProgramId, context.CampaignId,
            context.BeneficiaryGroupId, "buddy", ExternalEventId, EnrollmentStatus.Active, Created, Now));
        enrollment.IsLegacy.ShouldBeFalse();
    }

    [Fact]
    public void GivenEnrollment_WhenStatusChangedIsFolded_ThenOnlyTheStatusAndUpdatedAtChange()
    {
        var created = CreatedEvent();
        var before = Given(created);

        var after = Given(created, new EnrollmentStatusChanged(created.EnrollmentId, EnrollmentStatus.Active, EnrollmentStatus.Withdrawn, Now));

        after.ShouldBe(before with { Status = EnrollmentStatus.Withdrawn, UpdatedAt = Now });
    }

    [Fact]
    public void GivenNoStream_WhenALaterEventIsFolded_ThenThereIsNoEnrollment()
    {
        var id = Guid.NewGuid();

        EnrollmentState.Evolve(null, new EnrollmentStatusChanged(id, EnrollmentStatus.Active, EnrollmentStatus.Completed, Now)).ShouldBeNull();
        EnrollmentState.Evolve(null, new EnrollmentLinkedToProgram(id, Guid.NewGuid(), ProgramType, Guid.NewGuid(), null, Now)).ShouldBeNull();
    }

    [Fact]
    public void GivenEnrollment_WhenAnUnrelatedEventIsFolded_ThenItIsUnchanged()
    {
        var enrollment = Given(CreatedEvent());

        EnrollmentState.Evolve(enrollment, "not an enrollment event").ShouldBeSameAs(enrollment);
    }
}
