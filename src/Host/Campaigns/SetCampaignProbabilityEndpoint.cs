using System.Net.Mime;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Campaigns;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

/// <summary><c>{"probability": 0..100}</c>.</summary>
public sealed record SetCampaignProbabilityRequest(int? Probability);

[Tags("Campaigns")]
public static class SetCampaignProbabilityEndpoint
{
    /// <summary>Records the sales probability. Crossing from below 90 to 90 or more opens an approval and reserves inventory
    /// in the same transaction (runbook 002), unless the workflow is disabled; the campaign then carries both ids.</summary>
    [ProducesResponseType<CampaignView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, MediaTypeNames.Application.ProblemJson)]
    [WolverinePut("/campaigns/{id}/probability")]
    public static async Task<IResult> Put(Guid id, SetCampaignProbabilityRequest? request, IDocumentSession session, TimeProvider clock,
        ApprovalWorkflowOptions workflow, HttpContext context, CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        return request is null
            ? DomainProblems.MissingBody(context)
            : await session.OkAtCommitAsync(context, id, CampaignQueries.FindCampaignAsync,
                () => CampaignHandler.Handle(new SetCampaignProbability(id, request.Probability) { ExpectedVersion = expectedVersion }, session, clock, workflow, cancellation), cancellation);
    }
}
