using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Handlers.Enrollments;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Enrollments;
using Marten;
using Wolverine;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

[Tags("Enrollments")]
public static class EnrollEndpoint
{
    /// <summary>
    /// Enrolls a user directly: <c>{"sourceSystem", "externalEventId", "userId", "companyId", "programType", "occurredAt"}</c>.
    /// 201 when created (with program context, or legacy); 200 with the earlier enrollment when the same external event
    /// was already enrolled; 409 when the user already has an active enrollment in the program found.
    /// </summary>
    [WolverinePost("/enrollments")]
    public static async Task<CreatedOrExisting<EnrollmentView>> Post(EnrollUser? command, IMessageBus bus, IQuerySession session, HttpContext context,
        CancellationToken cancellation)
    {
        if (command is null)
        {
            return DomainProblems.MissingBody(context);
        }

        // Through Wolverine: its handler chain commits once and decides again when a twin delivery or another enrollment of the
        // user wins the race, so the answer is the duplicate or the existing enrollment, not a conflict.
        var result = await bus.InvokeAsync<EnrollmentResult>(command, cancellation);
        if (result.Outcome is EnrollmentOutcome.Rejected or EnrollmentOutcome.AlreadyEnrolled)
        {
            return result.Error!.ToProblem(context);
        }

        var view = await session.FindEnrollmentAsync(result.EnrollmentId, cancellation)
            ?? throw new InvalidOperationException($"Enrollment {result.EnrollmentId} was saved but its read row is missing.");
        return result.Outcome == EnrollmentOutcome.Created
            ? CreatedOrExisting<EnrollmentView>.Created($"/enrollments/{result.EnrollmentId}", view)
            : CreatedOrExisting<EnrollmentView>.Existing(view);
    }
}
