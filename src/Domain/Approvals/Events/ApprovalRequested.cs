namespace EventSourced.Domain.Approvals.Events;

/// <summary>A campaign's probability crossed 90 %: a reviewer must approve or reject it. The reservation placed with it
/// and the probability before the crossing (restored on rejection) are recorded.</summary>
public sealed record ApprovalRequested(
    Guid ApprovalId,
    Guid CampaignId,
    Guid ReservationId,
    int ProbabilityBefore,
    int ProbabilityAfter,
    DateTimeOffset RequestedAt);
