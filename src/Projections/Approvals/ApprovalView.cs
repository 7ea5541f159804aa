namespace EventSourced.Projections.Approvals;

/// <summary>A row of <c>campaign_approvals</c> as the API returns it.</summary>
public sealed record ApprovalView(
    Guid Id,
    Guid CampaignId,
    string Status,
    int ProbabilityBefore,
    int ProbabilityAfter,
    Guid ReservationId,
    Guid? OrderId,
    string? ReviewerId,
    string? Reason,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt);
