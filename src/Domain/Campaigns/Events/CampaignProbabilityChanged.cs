namespace EventSourced.Domain.Campaigns.Events;

/// <summary>The sales probability (0–100) of the campaign changed.</summary>
public sealed record CampaignProbabilityChanged(Guid CampaignId, int From, int To, DateTimeOffset ChangedAt);
