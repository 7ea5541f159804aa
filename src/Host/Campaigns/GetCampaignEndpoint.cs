using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Campaigns;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

[Tags("Campaigns")]
public static class GetCampaignEndpoint
{
    /// <summary>One campaign, by id. Its <c>ETag</c> is the stream version, for <c>If-Match</c> on writes.</summary>
    [WolverineGet("/campaigns/{id}")]
    public static async Task<Found<CampaignView>> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await context.OkWithETagAsync(session, id, CampaignQueries.FindCampaignAsync, () => DomainError.NotFound("Campaign", id).ToProblem(context), cancellation);
}
