using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Configuration;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

[Tags("Campaigns")]
public static class GetCampaignConfigEndpoint
{
    /// <summary>The campaign's effective config and, for every leaf, the layer that supplied it (template vN, program or campaign).</summary>
    [WolverineGet("/campaigns/{id}/config")]
    public static async Task<Found<ConfigView>> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.CampaignConfigAsync(id, cancellation) is { } view
            ? Found<ConfigView>.Ok(view)
            : DomainError.NotFound("Campaign", id).ToProblem(context);
}
