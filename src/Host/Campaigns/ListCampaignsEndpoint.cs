using EventSourced.Host.Http;
using EventSourced.Projections.Campaigns;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

public static class ListCampaignsEndpoint
{
    /// <summary>Campaigns from <c>program_campaigns</c>, optionally filtered: <c>?companyId=…&amp;programId=…&amp;status=draft</c>.</summary>
    [WolverineGet("/campaigns")]
    public static Task<IReadOnlyList<CampaignView>> Get(Guid? companyId, Guid? programId, string? status, IQuerySession session,
        CancellationToken cancellation) =>
        session.ListCampaignsAsync(companyId, programId, Query.OptionalStatus(status), cancellation);
}
