using System.Net.Mime;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class ArchiveTemplateEndpoint
{
    /// <summary>Retires a template from any status but archived (archived again: 409).</summary>
    [ProducesResponseType<TemplateView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/templates/{id}/archive")]
    public static async Task<IResult> Post(Guid id, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation) =>
        await (await TemplateHandler.Handle(new ArchiveTemplate(id), session, clock, cancellation))
            .OkAsync(context, streamId => session.FindTemplateAsync(streamId, cancellation));
}
