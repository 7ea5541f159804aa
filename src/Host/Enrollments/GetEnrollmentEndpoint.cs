using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Enrollments;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

[Tags("Enrollments")]
public static class GetEnrollmentEndpoint
{
    /// <summary>One enrollment, by id. Its <c>ETag</c> is the stream version, for <c>If-Match</c> on writes.</summary>
    [WolverineGet("/enrollments/{id}")]
    public static async Task<Found<EnrollmentView>> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await context.OkWithETagAsync(session, id, EnrollmentQueries.FindEnrollmentAsync, () => DomainError.NotFound("Enrollment", id).ToProblem(context), cancellation);
}
