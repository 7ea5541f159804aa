using EventSourced.Domain.Common;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Templates;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class CreateTemplateEndpoint
{
    /// <summary>Creates version 1 of a new template key as a draft (runbook 000, "Creating a New Template").</summary>
    [WolverinePost("/templates")]
    public static async Task<(Created<TemplateView>, IMartenOp)> Post(CreateTemplate? command, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation)
    {
        if (command is null)
        {
            return (DomainProblems.MissingBody(context), MartenOps.Nothing());
        }

        // Two creates of one key both see it free; the unique (template_key, version) index of the inline projection refuses
        // the second at commit, events and all (409).
        var latest = Slug.IsValid(command.TemplateKey) ? await session.LatestVersionOfKeyAsync(command.TemplateKey!, cancellation) : null;
        return AggregateWrites.Start<Template, TemplateView>(context, session, "/templates",
            id => TemplateDecisions.Create(command, id, latest, clock.GetUtcNow()), TemplateQueries.FindTemplateAsync);
    }
}
