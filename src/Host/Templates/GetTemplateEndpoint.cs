using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

public static class GetTemplateEndpoint
{
    [WolverineGet("/templates/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.FindTemplateAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Template", id).ToProblem(context);
}
