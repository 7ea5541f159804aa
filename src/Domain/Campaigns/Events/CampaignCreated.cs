using System.Text.Json;

namespace EventSourced.Domain.Campaigns.Events;

/// <summary>
/// A company's deployment of an active program. It carries the two lower configuration layers (template defaults and
/// program overrides) as they were, so the effective configuration is recomputed from this stream alone.
/// </summary>
public sealed record CampaignCreated(
    Guid CampaignId,
    Guid ProgramId,
    Guid CompanyId,
    string Name,
    int TargetEnrollment,
    int MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    Guid TemplateId,
    int TemplateVersion,
    JsonElement TemplateDefaults,
    JsonElement ProgramOverrides,
    JsonElement ConfigOverrides,
    DateTimeOffset CreatedAt);
