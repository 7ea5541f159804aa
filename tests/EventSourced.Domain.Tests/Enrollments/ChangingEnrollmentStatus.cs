using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Enrollments.EnrollmentScenario;

namespace EventSourced.Domain.Tests.Enrollments;

/// <summary>active → completed | withdrawn; completed and withdrawn are final.</summary>
public class ChangingEnrollmentStatus
{
    private static Decision Change(EnrollmentState enrollment, string? status) =>
        EnrollmentDecisions.ChangeStatus(enrollment, new ChangeEnrollmentStatus(enrollment.Id, status), Now);

    [Theory]
    [InlineData("completed", EnrollmentStatus.Completed)]
    [InlineData("withdrawn", EnrollmentStatus.Withdrawn)]
    public void GivenActiveEnrollment_WhenFinished_ThenTheStatusChanges(string status, EnrollmentStatus expected)
    {
        var enrollment = Legacy();

        var changed = Change(enrollment, status).ShouldEmitSingle<EnrollmentStatusChanged>();

        changed.ShouldBe(new EnrollmentStatusChanged(enrollment.Id, EnrollmentStatus.Active, expected, Now));
    }

    [Theory]
    [InlineData("Completed")]
    [InlineData("COMPLETED")]
    public void GivenActiveEnrollment_WhenTheStatusIsSentInAnotherCase_ThenItIsAccepted(string status)
    {
        var enrollment = Legacy();

        var changed = Change(enrollment, status).ShouldEmitSingle<EnrollmentStatusChanged>();

        changed.ShouldBe(new EnrollmentStatusChanged(enrollment.Id, EnrollmentStatus.Active, EnrollmentStatus.Completed, Now));
    }

    [Theory]
    [InlineData(EnrollmentStatus.Completed)]
    [InlineData(EnrollmentStatus.Withdrawn)]
    public void GivenActiveEnrollment_WhenFinishedAndFolded_ThenTheStateHasTheNewStatus(EnrollmentStatus to)
    {
        var enrollment = Linked(Context());

        var changed = Change(enrollment, WireNames.Of(to)).ShouldEmitSingle<EnrollmentStatusChanged>();

        enrollment.When(changed).ShouldSatisfyAllConditions(
            e => e.Status.ShouldBe(to),
            e => e.UpdatedAt.ShouldBe(Now),
            e => e.CreatedAt.ShouldBe(Created));
    }

    [Theory]
    [InlineData(EnrollmentStatus.Active)]
    [InlineData(EnrollmentStatus.Completed)]
    [InlineData(EnrollmentStatus.Withdrawn)]
    public void GivenEnrollment_WhenChangedToItsOwnStatus_ThenNothingHappens(EnrollmentStatus status) =>
        Change(Legacy(status), WireNames.Of(status)).ShouldEmitNothing();

    [Theory]
    [InlineData(EnrollmentStatus.Completed, "active")]
    [InlineData(EnrollmentStatus.Completed, "withdrawn")]
    [InlineData(EnrollmentStatus.Withdrawn, "active")]
    [InlineData(EnrollmentStatus.Withdrawn, "completed")]
    public void GivenFinishedEnrollment_WhenChanged_ThenTheTransitionIsIllegal(EnrollmentStatus from, string to)
    {
        var enrollment = Legacy(from);

        var error = Change(enrollment, to).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Illegal status transition");
        error.Title.ShouldBe(EnrollmentDecisions.IllegalTransition);
        error.Detail.ShouldBe(
            $"Enrollment {enrollment.Id} is {WireNames.Of(from)}; only active enrollments can become completed or withdrawn.");
        error.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("done")]
    [InlineData(" completed")]
    [InlineData("1")]
    public void GivenUnknownStatus_WhenChanged_ThenStatusIsNamed(string? status)
    {
        var error = Change(Legacy(), status).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldNotBeEmpty();
        error.Errors.Select(e => e.Path).Distinct().ShouldBe(["status"]);
    }

    [Fact]
    public void GivenUnknownStatus_WhenChanged_ThenTheMessageListsTheStatuses() =>
        Change(Legacy(), "done").ShouldBeRejected(ErrorKind.Invalid)
            .Errors.ShouldHaveSingleItem().Message.ShouldBe("'status' must be one of: active, completed, withdrawn.");

    [Fact]
    public void GivenFinishedEnrollment_WhenAnUnknownStatusIsSent_ThenTheCommandIsInvalidRatherThanConflicting() =>
        Change(Legacy(EnrollmentStatus.Completed), "done").ShouldBeRejected(ErrorKind.Invalid);
}
