using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Campaigns;
using Wolverine;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

/// <summary><c>{"probability": 0..100}</c>.</summary>
public sealed record SetCampaignProbabilityRequest(int? Probability);

[Tags("Campaigns")]
public static class SetCampaignProbabilityEndpoint
{
    /// <summary>Records the sales probability. Crossing from below 90 to 90 or more opens an approval and reserves inventory
    /// in the same transaction (runbook 002), unless the workflow is disabled; the campaign then carries both ids.</summary>
    [WolverinePut("/campaigns/{id}/probability")]
    public static async Task<Changed<CampaignView>> Put(Guid id, SetCampaignProbabilityRequest? request, IMessageBus bus, HttpContext context,
        CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        return request is null
            ? DomainProblems.MissingBody(context)
            : await bus.OkAtCommitAsync<CampaignView>(context,
                new SetCampaignProbability(id, request.Probability) { ExpectedVersion = expectedVersion }, cancellation);
    }
}
