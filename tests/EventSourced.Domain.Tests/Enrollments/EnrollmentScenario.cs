using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Domain.Enrollments.Events;

namespace EventSourced.Domain.Tests.Enrollments;

/// <summary>Builders for enrollment tests: commands, program contexts and enrollment streams folded from their events.</summary>
internal static class EnrollmentScenario
{
    public static readonly DateTimeOffset Occurred = new(2026, 11, 20, 8, 30, 0, TimeSpan.FromHours(1));
    public static readonly DateTimeOffset Created = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static readonly Guid CompanyId = Guid.Parse("c0000000-0000-0000-0000-000000000001");

    public const string UserId = "user-42";
    public const string ExternalEventId = "evt-1001";
    public const string ProgramType = "mentorship";

    public static EnrollUser ValidEnroll(Guid? companyId = null) =>
        new(SourceSystems.Kintell, ExternalEventId, UserId, companyId ?? CompanyId, ProgramType, Occurred);

    /// <summary>A program context whose programType deliberately differs from the command's, so that tests can tell them apart.</summary>
    public static ProgramContext Context(Guid? campaignId = null, string programType = "mentorship-v2") =>
        new(Guid.NewGuid(), programType, Guid.NewGuid(), campaignId);

    public static EnrollmentCreated CreatedEvent(Guid? id = null, ProgramContext? context = null) => new(
        id ?? Guid.NewGuid(), UserId, CompanyId, context?.ProgramType ?? ProgramType, context?.ProgramId, context?.CampaignId,
        context?.BeneficiaryGroupId, SourceSystems.Buddy, ExternalEventId, Occurred, Created);

    public static EnrollmentState Given(params object[] events) =>
        events.Aggregate((EnrollmentState?)null, EnrollmentState.Evolve)
        ?? throw new InvalidOperationException("An enrollment stream starts with EnrollmentCreated.");

    public static EnrollmentState Legacy(EnrollmentStatus status = EnrollmentStatus.Active) => WithStatus(CreatedEvent(), status);

    public static EnrollmentState Linked(ProgramContext context, EnrollmentStatus status = EnrollmentStatus.Active) =>
        WithStatus(CreatedEvent(context: context), status);

    private static EnrollmentState WithStatus(EnrollmentCreated created, EnrollmentStatus status)
    {
        var enrollment = status == EnrollmentStatus.Active
            ? Given(created)
            : Given(created, new EnrollmentStatusChanged(created.EnrollmentId, EnrollmentStatus.Active, status, Created));
        enrollment.Status.ShouldBe(status);
        return enrollment;
    }

    public static void ShouldEmitNothing(this Decision decision)
    {
        decision.Error.ShouldBeNull();
        decision.IsAccepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty();
    }
}
