using System.Net.Mime;
using EventSourced.Host.Http;
using EventSourced.Projections.Campaigns;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

[Tags("Campaigns")]
public static class ListCampaignsEndpoint
{
    /// <summary>Campaigns from <c>program_campaigns</c>, optionally filtered: <c>?companyId=…&amp;programId=…&amp;status=draft</c>.</summary>
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/campaigns")]
    public static Task<IReadOnlyList<CampaignView>> Get(Guid? companyId, Guid? programId, string? status, IQuerySession session,
        CancellationToken cancellation) =>
        session.ListCampaignsAsync(companyId, programId, Query.OptionalStatus(status), cancellation);
}
