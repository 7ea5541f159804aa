using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

public static class ArchiveTemplateEndpoint
{
    /// <summary>Retires a template from any status but archived (archived again: 409).</summary>
    [WolverinePost("/templates/{id}/archive")]
    public static async Task<IResult> Post(Guid id, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation) =>
        await (await TemplateHandler.Handle(new ArchiveTemplate(id), session, clock, cancellation))
            .OkAsync(context, streamId => session.FindTemplateAsync(streamId, cancellation));
}
