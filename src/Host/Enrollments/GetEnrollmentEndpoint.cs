using System.Net.Mime;
using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Enrollments;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

[Tags("Enrollments")]
public static class GetEnrollmentEndpoint
{
    /// <summary>One enrollment, by id. Its <c>ETag</c> is the stream version, for <c>If-Match</c> on writes.</summary>
    [ProducesResponseType<EnrollmentView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/enrollments/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await context.OkWithETagAsync(session, id, EnrollmentQueries.FindEnrollmentAsync, () => DomainError.NotFound("Enrollment", id).ToProblem(context), cancellation);
}
