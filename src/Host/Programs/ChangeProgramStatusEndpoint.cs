using System.Net.Mime;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Programs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

/// <summary><c>{"status": "active"}</c>: draft, active, paused, completed or archived.</summary>
public sealed record ChangeProgramStatusRequest(string? Status);

[Tags("Programs")]
public static class ChangeProgramStatusEndpoint
{
    /// <summary>Moves the program through draft → active ⇄ paused → completed | archived; an illegal move is a 409.</summary>
    [ProducesResponseType<ProgramView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, MediaTypeNames.Application.ProblemJson)]
    [WolverinePut("/programs/{id}/status")]
    public static async Task<IResult> Put(Guid id, ChangeProgramStatusRequest? request, IDocumentSession session, TimeProvider clock,
        HttpContext context, CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        return request is null
            ? DomainProblems.MissingBody(context)
            : await session.OkAtCommitAsync(context, id, ProgramQueries.FindProgramAsync,
                () => ProgramHandler.Handle(new ChangeProgramStatus(id, request.Status) { ExpectedVersion = expectedVersion }, session, clock, cancellation), cancellation);
    }
}
