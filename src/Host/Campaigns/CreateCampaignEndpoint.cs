using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Campaigns;
using Marten;
using Wolverine;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

[Tags("Campaigns")]
public static class CreateCampaignEndpoint
{
    /// <summary>Deploys an active program for a company (runbook 000, "Creating a Company Campaign"); 201 with the campaign
    /// and its effective (three-layer) config.</summary>
    [WolverinePost("/campaigns")]
    public static async Task<Created<CampaignView>> Post(CreateCampaign? command, IMessageBus bus, IQuerySession session, HttpContext context,
        CancellationToken cancellation) =>
        command is null
            ? DomainProblems.MissingBody(context)
            : await bus.CreatedAsync(context, command, "/campaigns", streamId => session.FindCampaignAsync(streamId, cancellation), cancellation);
}
