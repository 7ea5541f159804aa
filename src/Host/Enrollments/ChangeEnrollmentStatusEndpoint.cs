using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Enrollments;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

/// <summary><c>{"status": "completed" | "withdrawn"}</c>.</summary>
public sealed record ChangeEnrollmentStatusRequest(string? Status);

public static class ChangeEnrollmentStatusEndpoint
{
    [WolverinePut("/enrollments/{id}/status")]
    public static async Task<IResult> Put(Guid id, ChangeEnrollmentStatusRequest? request, IDocumentSession session, TimeProvider clock,
        HttpContext context, CancellationToken cancellation) =>
        request is null
            ? DomainProblems.MissingBody(context)
            : await (await EnrollmentStatusHandler.Handle(new ChangeEnrollmentStatus(id, request.Status), session, clock, cancellation))
                .OkAsync(context, streamId => session.FindEnrollmentAsync(streamId, cancellation));
}
