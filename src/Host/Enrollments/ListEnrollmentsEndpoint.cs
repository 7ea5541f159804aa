using System.Net.Mime;
using EventSourced.Host.Http;
using EventSourced.Projections.Enrollments;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

[Tags("Enrollments")]
public static class ListEnrollmentsEndpoint
{
    /// <summary>Enrollments from <c>program_enrollments</c>: <c>?userId=…&amp;programId=…&amp;status=active</c>.</summary>
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/enrollments")]
    public static Task<IReadOnlyList<EnrollmentView>> Get(string? userId, Guid? programId, string? status, IQuerySession session,
        CancellationToken cancellation) =>
        session.ListEnrollmentsAsync(Query.Optional(userId), programId, Query.OptionalStatus(status), cancellation);
}
