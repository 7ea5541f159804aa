using System.Net.Mime;
using EventSourced.Domain.Templates;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class ArchiveTemplateEndpoint
{
    /// <summary>Retires a template from any status but archived (archived again: 409).</summary>
    [ProducesResponseType<TemplateView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/templates/{id}/archive")]
    public static async Task<(IResult, Events)> Post(Guid id, [WriteAggregate("id", Required = false)] IEventStream<Template> stream,
        IDocumentSession session, TimeProvider clock, HttpContext context, CancellationToken cancellation) =>
        await NoBody.RefuseAnyAsync(context, cancellation) is { } refused
            ? (refused, [])
            : AggregateWrites.Decide(context, session, id, stream, "Template",
                (template, _) => TemplateDecisions.Archive(template, clock.GetUtcNow()), TemplateQueries.FindTemplateAsync);
}
