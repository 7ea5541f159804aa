using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

public static class CreateTemplateEndpoint
{
    /// <summary>Creates version 1 of a new template key as a draft (runbook 000, "Creating a New Template").</summary>
    [WolverinePost("/templates")]
    public static async Task<IResult> Post(CreateTemplate? command, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation) =>
        command is null
            ? DomainProblems.MissingBody(context)
            : await (await TemplateHandler.Handle(command, session, clock, cancellation))
                .CreatedAsync(context, "/templates", streamId => session.FindTemplateAsync(streamId, cancellation));
}
