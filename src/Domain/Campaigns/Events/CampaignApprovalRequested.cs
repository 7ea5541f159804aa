namespace EventSourced.Domain.Campaigns.Events;

/// <summary>The probability crossed 90 %: the campaign now waits on <see cref="ApprovalId"/>, with <see cref="ReservationId"/> held.</summary>
public sealed record CampaignApprovalRequested(Guid CampaignId, Guid ApprovalId, Guid ReservationId, int ProbabilityBefore, DateTimeOffset RequestedAt);
