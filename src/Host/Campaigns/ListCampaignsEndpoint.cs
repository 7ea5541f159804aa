using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Campaigns;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

[Tags("Campaigns")]
public static class ListCampaignsEndpoint
{
    /// <summary>Campaigns from <c>program_campaigns</c>, optionally filtered: <c>?companyId=…&amp;programId=…&amp;status=draft</c>.</summary>
    [WolverineGet("/campaigns")]
    public static Task<Listed<CampaignView>> Get(Guid? companyId, Guid? programId, string? status, IQuerySession session,
        CancellationToken cancellation) =>
        Listed<CampaignView>.OfAsync(session.ListCampaignsAsync(companyId, programId, Query.OptionalStatus(status), cancellation));
}
