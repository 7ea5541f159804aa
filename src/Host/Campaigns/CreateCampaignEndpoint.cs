using System.Net.Mime;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Campaigns;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

[Tags("Campaigns")]
public static class CreateCampaignEndpoint
{
    /// <summary>Deploys an active program for a company (runbook 000, "Creating a Company Campaign"); 201 with the campaign
    /// and its effective (three-layer) config.</summary>
    [ProducesResponseType<CampaignView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/campaigns")]
    public static async Task<IResult> Post(CreateCampaign? command, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation) =>
        command is null
            ? DomainProblems.MissingBody(context)
            : await (await CampaignHandler.Handle(command, session, clock, cancellation))
                .CreatedAsync(context, "/campaigns", streamId => session.FindCampaignAsync(streamId, cancellation));
}
