using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Templates;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class GetTemplateEndpoint
{
    /// <summary>One template version, by id. Its <c>ETag</c> is the stream version, for <c>If-Match</c> on writes.</summary>
    [WolverineGet("/templates/{id}")]
    public static async Task<Found<TemplateView>> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await context.OkWithETagAsync(session, id, TemplateQueries.FindTemplateAsync, () => DomainError.NotFound("Template", id).ToProblem(context), cancellation);
}
