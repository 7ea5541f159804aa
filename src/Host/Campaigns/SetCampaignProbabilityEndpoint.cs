using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Campaigns;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

/// <summary><c>{"probability": 0..100}</c>.</summary>
public sealed record SetCampaignProbabilityRequest(int? Probability);

public static class SetCampaignProbabilityEndpoint
{
    /// <summary>Records the sales probability. Crossing from below 90 to 90 or more opens an approval and reserves inventory
    /// in the same transaction (runbook 002), unless the workflow is disabled; the campaign then carries both ids.</summary>
    [WolverinePut("/campaigns/{id}/probability")]
    public static async Task<IResult> Put(Guid id, SetCampaignProbabilityRequest? request, IDocumentSession session, TimeProvider clock,
        ApprovalWorkflowOptions workflow, HttpContext context, CancellationToken cancellation) =>
        request is null
            ? DomainProblems.MissingBody(context)
            : await (await CampaignHandler.Handle(new SetCampaignProbability(id, request.Probability), session, clock, workflow, cancellation))
                .OkAsync(context, streamId => session.FindCampaignAsync(streamId, cancellation));
}
