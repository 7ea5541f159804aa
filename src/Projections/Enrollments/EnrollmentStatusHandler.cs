using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Projections.Commands;
using Marten;

namespace EventSourced.Projections.Enrollments;

/// <summary>Completing or withdrawing an enrollment.</summary>
public static class EnrollmentStatusHandler
{
    public static async Task<CommandResult> Handle(ChangeEnrollmentStatus command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<EnrollmentState>(command.EnrollmentId, cancellation);
        if (stream.Aggregate is not { } enrollment)
        {
            return CommandResult.Rejected(command.EnrollmentId, DomainError.NotFound("Enrollment", command.EnrollmentId));
        }

        var decision = EnrollmentDecisions.ChangeStatus(enrollment, command, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(enrollment.Id, error);
        }

        stream.AppendMany(decision.Events);
        return await session.CommitAsync(enrollment.Id, cancellation);
    }
}
