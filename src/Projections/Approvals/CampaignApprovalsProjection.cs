using EventSourced.Domain.Common;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Approvals;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;

namespace EventSourced.Projections.Approvals;

/// <summary>Projects approval events into <c>campaign_approvals</c> (inline, plain SQL).</summary>
public sealed class CampaignApprovalsProjection : ReadTableProjection
{
    public const string ProjectionName = CampaignApprovalsTable.Name;

    public CampaignApprovalsProjection(string schema)
        : base(CampaignApprovalsTable.Define(schema))
    {
        IncludeType<ApprovalRequested>();
        IncludeType<ApprovalApproved>();
        IncludeType<ApprovalRejected>();
    }

    public override RowChange? Change(IEvent e) => e.Data switch
    {
        ApprovalRequested r => Insert(e, r.ApprovalId, ("campaign_id", r.CampaignId), ("status", WireNames.Of(ApprovalStatus.Pending)),
            ("probability_before", r.ProbabilityBefore), ("probability_after", r.ProbabilityAfter), ("reservation_id", r.ReservationId),
            ("requested_at", r.RequestedAt)),
        ApprovalApproved a => Update(e, a.ApprovalId, ("status", WireNames.Of(ApprovalStatus.Approved)), ("reviewer_id", a.ReviewerId),
            ("reason", a.Reason), ("order_id", a.OrderId), ("decided_at", a.DecidedAt)),
        ApprovalRejected r => Update(e, r.ApprovalId, ("status", WireNames.Of(ApprovalStatus.Rejected)), ("reviewer_id", r.ReviewerId),
            ("reason", r.Reason), ("decided_at", r.DecidedAt)),
        _ => null,
    };
}
