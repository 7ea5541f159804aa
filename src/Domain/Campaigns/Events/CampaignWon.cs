namespace EventSourced.Domain.Campaigns.Events;

/// <summary>The approval was granted: the campaign is won at 100 % and became <see cref="OrderId"/>.</summary>
public sealed record CampaignWon(Guid CampaignId, Guid ApprovalId, Guid OrderId, DateTimeOffset WonAt);
