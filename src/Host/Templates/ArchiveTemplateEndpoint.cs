using EventSourced.Domain.Templates;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Templates;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class ArchiveTemplateEndpoint
{
    /// <summary>Retires a template from any status but archived (archived again: 409).</summary>
    [WolverinePost("/templates/{id}/archive")]
    public static async Task<(Changed<TemplateView>, Events)> Post(Guid id, [WriteAggregate("id", Required = false)] IEventStream<Template> stream,
        IDocumentSession session, TimeProvider clock, HttpContext context, CancellationToken cancellation) =>
        await NoBody.RefuseAnyAsync(context, cancellation) is { } refused
            ? (refused, [])
            : AggregateWrites.Decide(context, session, id, stream, "Template",
                (template, _) => TemplateDecisions.Archive(template, clock.GetUtcNow()), TemplateQueries.FindTemplateAsync);
}
