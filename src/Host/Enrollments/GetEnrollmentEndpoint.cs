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
    /// <summary>One enrollment, by id.</summary>
    [ProducesResponseType<EnrollmentView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/enrollments/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.FindEnrollmentAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Enrollment", id).ToProblem(context);
}
