using System.Net.Mime;
using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Configuration;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

[Tags("Campaigns")]
public static class GetCampaignConfigEndpoint
{
    /// <summary>The campaign's effective config and, for every leaf, the layer that supplied it (template vN, program or campaign).</summary>
    [ProducesResponseType<ConfigView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/campaigns/{id}/config")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.CampaignConfigAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Campaign", id).ToProblem(context);
}
