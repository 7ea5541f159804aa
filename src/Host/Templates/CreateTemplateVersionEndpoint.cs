using EventSourced.Domain.Templates.Commands;
using EventSourced.Handlers.Templates;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Templates;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class CreateTemplateVersionEndpoint
{
    /// <summary>Starts the next version of an active or deprecated template as a new draft; 201 with the new draft.</summary>
    [WolverinePost("/templates/{id}/versions")]
    public static async Task<CreatedFrom<TemplateView>> Post(Guid id, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation)
    {
        if (await NoBody.RefuseAnyAsync(context, cancellation) is { } refused)
        {
            return refused;
        }

        return await session.CreatedAtCommitAsync(context, "/templates", TemplateQueries.FindTemplateAsync,
            () => TemplateHandler.Handle(new CreateTemplateVersion(id), session, clock, cancellation));
    }
}
