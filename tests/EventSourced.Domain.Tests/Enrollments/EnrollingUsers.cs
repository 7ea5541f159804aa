using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Enrollments.EnrollmentScenario;

namespace EventSourced.Domain.Tests.Enrollments;

public class EnrollingUsers
{
    private static readonly Guid NewId = Guid.NewGuid();

    [Fact]
    public void GivenProgramContextWithCampaign_WhenEnrolled_ThenTheEnrollmentCarriesTheProgramAndCampaign()
    {
        var context = Context(campaignId: Guid.NewGuid());

        var created = EnrollmentDecisions.Enroll(ValidEnroll(), NewId, context, activeEnrollmentInProgram: null, Now)
            .ShouldEmitSingle<EnrollmentCreated>();

        created.ShouldBe(new EnrollmentCreated(NewId, UserId, CompanyId, "mentorship-v2", context.ProgramId, context.CampaignId,
            context.BeneficiaryGroupId, "kintell", ExternalEventId, Occurred, Now));
    }

    [Fact]
    public void GivenProgramContextWithoutCampaign_WhenEnrolled_ThenTheEnrollmentCarriesTheProgramAndNoCampaign()
    {
        var context = Context(campaignId: null);

        var created = EnrollmentDecisions.Enroll(ValidEnroll(), NewId, context, activeEnrollmentInProgram: null, Now)
            .ShouldEmitSingle<EnrollmentCreated>();

        created.ShouldSatisfyAllConditions(
            c => c.EnrollmentId.ShouldBe(NewId),
            c => c.UserId.ShouldBe(UserId),
            c => c.CompanyId.ShouldBe(CompanyId),
            c => c.ProgramType.ShouldBe("mentorship-v2"),
            c => c.ProgramId.ShouldBe(context.ProgramId),
            c => c.CampaignId.ShouldBeNull(),
            c => c.BeneficiaryGroupId.ShouldBe(context.BeneficiaryGroupId),
            c => c.SourceSystem.ShouldBe("kintell"),
            c => c.ExternalEventId.ShouldBe(ExternalEventId),
            c => c.OccurredAt.ShouldBe(Occurred),
            c => c.CreatedAt.ShouldBe(Now));
    }

    [Fact]
    public void GivenNoProgramContext_WhenEnrolled_ThenTheEnrollmentIsLegacyWithTheProgramTypeAsSent()
    {
        var created = EnrollmentDecisions.Enroll(ValidEnroll() with { ProgramType = "buddy-programme" }, NewId, context: null,
            activeEnrollmentInProgram: null, Now).ShouldEmitSingle<EnrollmentCreated>();

        created.ShouldBe(new EnrollmentCreated(NewId, UserId, CompanyId, "buddy-programme", ProgramId: null, CampaignId: null,
            BeneficiaryGroupId: null, "kintell", ExternalEventId, Occurred, Now));
    }

    [Fact]
    public void GivenNoCompany_WhenEnrolled_ThenTheEnrollmentHasNoCompany()
    {
        var created = EnrollmentDecisions.Enroll(ValidEnroll() with { CompanyId = null }, NewId, context: null, activeEnrollmentInProgram: null, Now)
            .ShouldEmitSingle<EnrollmentCreated>();

        created.ShouldBe(new EnrollmentCreated(NewId, UserId, CompanyId: null, ProgramType, ProgramId: null, CampaignId: null,
            BeneficiaryGroupId: null, "kintell", ExternalEventId, Occurred, Now));
    }

    [Theory]
    [InlineData("kintell")]
    [InlineData("buddy")]
    [InlineData("upskilling")]
    public void GivenKnownSourceSystem_WhenEnrolled_ThenTheSourceIsRecorded(string source)
    {
        var created = EnrollmentDecisions.Enroll(ValidEnroll() with { SourceSystem = source }, NewId, context: null, activeEnrollmentInProgram: null, Now)
            .ShouldEmitSingle<EnrollmentCreated>();

        created.SourceSystem.ShouldBe(source);
    }

    [Fact]
    public void GivenUserIdAndEventIdWithSurroundingSpaces_WhenEnrolled_ThenTheyAreTrimmed()
    {
        var created = EnrollmentDecisions.Enroll(ValidEnroll() with { UserId = "  user-42 ", ExternalEventId = " evt-1001\t" }, NewId,
            context: null, activeEnrollmentInProgram: null, Now).ShouldEmitSingle<EnrollmentCreated>();

        created.UserId.ShouldBe("user-42");
        created.ExternalEventId.ShouldBe("evt-1001");
    }

    [Fact]
    public void GivenProgramContextAndActiveEnrollmentInIt_WhenEnrolled_ThenTheUserIsAlreadyEnrolled()
    {
        var context = Context();
        var existing = Guid.NewGuid();

        var error = EnrollmentDecisions.Enroll(ValidEnroll(), NewId, context, existing, Now).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("User already enrolled in program");
        error.Title.ShouldBe(EnrollmentDecisions.AlreadyEnrolled);
        error.Detail.ShouldBe($"User 'user-42' already has active enrollment {existing} in program {context.ProgramId}.");
        error.Errors.ShouldBeEmpty();
        error.Extensions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Key.ShouldBe("enrollmentId"),
            e => e.Value.ShouldBe(existing));
    }

    [Fact]
    public void GivenNoProgramContextAndAnActiveEnrollment_WhenEnrolled_ThenALegacyEnrollmentIsCreated()
    {
        var created = EnrollmentDecisions.Enroll(ValidEnroll(), NewId, context: null, activeEnrollmentInProgram: Guid.NewGuid(), Now)
            .ShouldEmitSingle<EnrollmentCreated>();

        created.ShouldBe(new EnrollmentCreated(NewId, UserId, CompanyId, ProgramType, ProgramId: null, CampaignId: null,
            BeneficiaryGroupId: null, "kintell", ExternalEventId, Occurred, Now));
    }

    [Fact]
    public void GivenInvalidCommandAndAnActiveEnrollment_WhenEnrolled_ThenTheCommandIsInvalidRatherThanConflicting()
    {
        var error = EnrollmentDecisions.Enroll(ValidEnroll() with { UserId = "" }, NewId, Context(), Guid.NewGuid(), Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => e.Path).Distinct().ShouldBe(["userId"]);
    }

    [Fact]
    public void GivenEveryFieldInvalid_WhenEnrolled_ThenEveryFieldIsNamed()
    {
        var command = new EnrollUser(SourceSystem: "zoom", ExternalEventId: " ", UserId: null, Guid.Empty, ProgramType: "Mentorship Program",
            OccurredAt: null);

        var error = EnrollmentDecisions.Enroll(command, NewId, Context(), activeEnrollmentInProgram: null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.Select(e => e.Path).Distinct().Order()
            .ShouldBe(["companyId", "externalEventId", "occurredAt", "programType", "sourceSystem", "userId"]);
    }

    public static TheoryData<string, EnrollUser> InvalidCommands => new()
    {
        { "sourceSystem", ValidEnroll() with { SourceSystem = null } },
        { "sourceSystem", ValidEnroll() with { SourceSystem = "" } },
        { "sourceSystem", ValidEnroll() with { SourceSystem = "slack" } },
        { "sourceSystem", ValidEnroll() with { SourceSystem = "Kintell" } },
        { "sourceSystem", ValidEnroll() with { SourceSystem = " buddy" } },
        { "externalEventId", ValidEnroll() with { ExternalEventId = null } },
        { "externalEventId", ValidEnroll() with { ExternalEventId = "" } },
        { "externalEventId", ValidEnroll() with { ExternalEventId = "   " } },
        { "externalEventId", ValidEnroll() with { ExternalEventId = new string('e', 201) } },
        { "userId", ValidEnroll() with { UserId = null } },
        { "userId", ValidEnroll() with { UserId = "" } },
        { "userId", ValidEnroll() with { UserId = "\t" } },
        { "userId", ValidEnroll() with { UserId = new string('u', 201) } },
        { "companyId", ValidEnroll() with { CompanyId = Guid.Empty } },
        { "programType", ValidEnroll() with { ProgramType = null } },
        { "programType", ValidEnroll() with { ProgramType = "" } },
        { "programType", ValidEnroll() with { ProgramType = "Mentorship" } },
        { "programType", ValidEnroll() with { ProgramType = "tech mentorship" } },
        { "programType", ValidEnroll() with { ProgramType = "-mentorship" } },
        { "programType", ValidEnroll() with { ProgramType = "mentor--ship" } },
        { "occurredAt", ValidEnroll() with { OccurredAt = null } },
    };

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public void GivenOneInvalidField_WhenEnrolled_ThenOnlyThatFieldIsNamed(string expectedPath, EnrollUser command)
    {
        var error = EnrollmentDecisions.Enroll(command, NewId, context: null, activeEnrollmentInProgram: null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldNotBeEmpty();
        error.Errors.Select(e => e.Path).Distinct().ShouldBe([expectedPath]);
    }

    [Fact]
    public void GivenIdsOfTheMaximumLength_WhenEnrolled_ThenTheyAreAccepted()
    {
        var command = ValidEnroll() with { UserId = new string('u', 200), ExternalEventId = new string('e', 200) };

        var created = EnrollmentDecisions.Enroll(command, NewId, context: null, activeEnrollmentInProgram: null, Now)
            .ShouldEmitSingle<EnrollmentCreated>();

        created.UserId.ShouldBe(new string('u', 200));
        created.ExternalEventId.ShouldBe(new string('e', 200));
    }

    [Fact]
    public void GivenUnknownSourceSystem_WhenEnrolled_ThenTheMessageListsTheKnownSources()
    {
        var error = EnrollmentDecisions.Enroll(ValidEnroll() with { SourceSystem = "slack" }, NewId, context: null, activeEnrollmentInProgram: null, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Message.ShouldBe("'sourceSystem' must be one of: kintell, buddy, upskilling.");
    }
}
