namespace EventSourced.Domain.Campaigns.Events;

/// <summary>The approval was rejected: the probability is back to its value before the crossing and the reservation is gone.</summary>
public sealed record CampaignApprovalRejected(Guid CampaignId, Guid ApprovalId, int ProbabilityRestored, DateTimeOffset RejectedAt);
