using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Campaigns;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

public static class GetCampaignEndpoint
{
    [WolverineGet("/campaigns/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.FindCampaignAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Campaign", id).ToProblem(context);
}
