using EventSourced.Host.Http;
using EventSourced.Projections.Commands;
using EventSourced.Projections.Templates;
using Marten;

namespace EventSourced.Host.Templates;

/// <summary>How template commands answer: 200/201 with the template as now projected, or the problem.</summary>
internal static class TemplateResponses
{
    public static Task<IResult> Ok(CommandResult result, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        result.RespondAsync(context, id => session.FindTemplateAsync(id, cancellation), (_, view) => Results.Ok(view));

    public static Task<IResult> Created(CommandResult result, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        result.RespondAsync(context, id => session.FindTemplateAsync(id, cancellation), (id, view) => Results.Created($"/templates/{id}", view));
}
