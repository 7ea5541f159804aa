using System.Net.Mime;
using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Programs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

[Tags("Programs")]
public static class GetProgramEndpoint
{
    /// <summary>One program, by id.</summary>
    [ProducesResponseType<ProgramView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/programs/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.FindProgramAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Program", id).ToProblem(context);
}
