using System.Net.Mime;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class CreateTemplateVersionEndpoint
{
    /// <summary>Starts the next version of an active or deprecated template as a new draft; 201 with the new draft.</summary>
    [ProducesResponseType<TemplateView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/templates/{id}/versions")]
    public static async Task<IResult> Post(Guid id, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation)
    {
        if (await NoBody.RefuseAnyAsync(context, cancellation) is { } refused)
        {
            return refused;
        }

        return await (await TemplateHandler.Handle(new CreateTemplateVersion(id), session, clock, cancellation))
            .CreatedAsync(context, "/templates", streamId => session.FindTemplateAsync(streamId, cancellation));
    }
}
