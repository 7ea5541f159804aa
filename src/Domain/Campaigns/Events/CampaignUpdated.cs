using System.Text.Json;

namespace EventSourced.Domain.Campaigns.Events;

/// <summary>A campaign's editable details after an edit (the whole content), with all the configuration layers its
/// effective configuration is computed from.</summary>
public sealed record CampaignUpdated(
    Guid CampaignId,
    string Name,
    int TargetEnrollment,
    int MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    int TemplateVersion,
    JsonElement TemplateDefaults,
    JsonElement ProgramOverrides,
    JsonElement ConfigOverrides,
    DateTimeOffset UpdatedAt);
