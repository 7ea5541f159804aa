using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Programs;
using Marten;

namespace EventSourced.Projections.Configuration;

/// <summary>Effective configuration with provenance, computed from the aggregate's own stream (the layers it carries).</summary>
public static class ConfigQueries
{
    public static async Task<ConfigView?> ProgramConfigAsync(this IQuerySession session, Guid programId, CancellationToken cancellation = default) =>
        await session.Events.AggregateStreamAsync<ProgramState>(programId, token: cancellation) is { } program
            ? ConfigView.Of(program.Id, program.TemplateId, program.TemplateVersion, program.ConfigLayers)
            : null;

    public static async Task<ConfigView?> CampaignConfigAsync(this IQuerySession session, Guid campaignId, CancellationToken cancellation = default) =>
        await session.Events.AggregateStreamAsync<CampaignState>(campaignId, token: cancellation) is { } campaign
            ? ConfigView.Of(campaign.Id, campaign.TemplateId, campaign.TemplateVersion, campaign.ConfigLayers)
            : null;
}
