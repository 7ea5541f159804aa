using System.Text.Json;

namespace EventSourced.Domain.Campaigns.Events;

/// <summary>The campaign's program migrated to a newer template version; the campaign now builds on its defaults.</summary>
public sealed record CampaignRebased(
    Guid CampaignId,
    Guid TemplateId,
    int TemplateVersion,
    JsonElement TemplateDefaults,
    JsonElement ProgramOverrides,
    JsonElement ConfigOverrides,
    DateTimeOffset RebasedAt);
