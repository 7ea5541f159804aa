using System.Net.Mime;
using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Configuration;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

[Tags("Programs")]
public static class GetProgramConfigEndpoint
{
    /// <summary>The program's effective config and, for every leaf, the layer that supplied it (template vN or program).</summary>
    [ProducesResponseType<ConfigView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/programs/{id}/config")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.ProgramConfigAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Program", id).ToProblem(context);
}
