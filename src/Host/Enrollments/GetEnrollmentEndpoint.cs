using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Enrollments;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

public static class GetEnrollmentEndpoint
{
    [WolverineGet("/enrollments/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.FindEnrollmentAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Enrollment", id).ToProblem(context);
}
