using System.Net.Mime;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Programs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

[Tags("Programs")]
public static class CreateProgramEndpoint
{
    /// <summary>Instantiates an active template for a beneficiary group (runbook 000, "Instantiating a Program"); 201 with
    /// the program, its derived programKey and effective config. Config errors: 400 "Config validation failed".</summary>
    [ProducesResponseType<ProgramView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/programs")]
    public static async Task<IResult> Post(CreateProgram? command, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation) =>
        command is null
            ? DomainProblems.MissingBody(context)
            : await (await ProgramHandler.Handle(command, session, clock, cancellation))
                .CreatedAsync(context, "/programs", streamId => session.FindProgramAsync(streamId, cancellation));
}
