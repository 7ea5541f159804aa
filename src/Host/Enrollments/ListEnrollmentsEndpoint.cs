using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Enrollments;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

[Tags("Enrollments")]
public static class ListEnrollmentsEndpoint
{
    /// <summary>Enrollments from <c>program_enrollments</c>: <c>?userId=…&amp;programId=…&amp;status=active</c>.</summary>
    [WolverineGet("/enrollments")]
    public static Task<Listed<EnrollmentView>> Get(string? userId, Guid? programId, string? status, IQuerySession session,
        CancellationToken cancellation) =>
        Listed<EnrollmentView>.OfAsync(session.ListEnrollmentsAsync(Query.Optional(userId), programId, Query.OptionalStatus(status), cancellation));
}
