using System.Text.Json;

namespace EventSourced.Domain.Campaigns.Commands;

/// <summary>Edits a campaign's name, targets, budget, dates or overrides; fields left null keep their value.
/// The result is re-validated as a whole, configuration included.</summary>
public sealed record UpdateCampaign(
    Guid CampaignId,
    string? Name,
    int? TargetEnrollment,
    int? MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    JsonElement? ConfigOverrides);
