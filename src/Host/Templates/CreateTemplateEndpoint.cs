using System.Net.Mime;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class CreateTemplateEndpoint
{
    /// <summary>Creates version 1 of a new template key as a draft (runbook 000, "Creating a New Template").</summary>
    [ProducesResponseType<TemplateView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/templates")]
    public static async Task<IResult> Post(CreateTemplate? command, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation) =>
        command is null
            ? DomainProblems.MissingBody(context)
            : await (await TemplateHandler.Handle(command, session, clock, cancellation))
                .CreatedAsync(context, "/templates", streamId => session.FindTemplateAsync(streamId, cancellation));
}
