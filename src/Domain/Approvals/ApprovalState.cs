using EventSourced.Domain.Approvals.Events;

namespace EventSourced.Domain.Approvals;

/// <summary>An approval's state, folded from its stream.</summary>
public sealed record ApprovalState(
    Guid Id,
    Guid CampaignId,
    Guid ReservationId,
    int ProbabilityBefore,
    int ProbabilityAfter,
    ApprovalStatus Status,
    string? ReviewerId,
    string? Reason,
    Guid? OrderId,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt)
{
    public static ApprovalState From(ApprovalRequested e) =>
        new(e.ApprovalId, e.CampaignId, e.ReservationId, e.ProbabilityBefore, e.ProbabilityAfter, ApprovalStatus.Pending, null, null, null,
            e.RequestedAt, null);

    public ApprovalState When(ApprovalApproved e) =>
        this with { Status = ApprovalStatus.Approved, ReviewerId = e.ReviewerId, Reason = e.Reason, OrderId = e.OrderId, DecidedAt = e.DecidedAt };

    public ApprovalState When(ApprovalRejected e) =>
        this with { Status = ApprovalStatus.Rejected, ReviewerId = e.ReviewerId, Reason = e.Reason, DecidedAt = e.DecidedAt };

    public static ApprovalState? Evolve(ApprovalState? state, object e) => e switch
    {
        ApprovalRequested requested => From(requested),
        ApprovalApproved approved => state?.When(approved),
        ApprovalRejected rejected => state?.When(rejected),
        _ => state,
    };
}
