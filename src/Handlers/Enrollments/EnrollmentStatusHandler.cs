using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Handlers.Commands;
using Marten;

namespace EventSourced.Handlers.Enrollments;

/// <summary>Completing or withdrawing an enrollment.</summary>
public static class EnrollmentStatusHandler
{
    public static Task<CommandResult> Handle(ChangeEnrollmentStatus command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation) =>
        session.DecideAsync<EnrollmentState>(command.EnrollmentId, "Enrollment",
            enrollment => EnrollmentDecisions.ChangeStatus(enrollment, command, clock.GetUtcNow()), cancellation, command.ExpectedVersion);
}
