using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Approvals;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

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

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ApprovalRequested r:
                Insert(operations, e, "id, campaign_id, status, probability_before, probability_after, reservation_id, requested_at",
                    "?, ?, ?, ?, ?, ?, ?",
                    r.ApprovalId, r.CampaignId, ApprovalWorkflow.Name(ApprovalStatus.Pending), r.ProbabilityBefore, r.ProbabilityAfter,
                    r.ReservationId, r.RequestedAt);
                break;
            case ApprovalApproved a:
                Update(operations, e, a.ApprovalId, "status = ?, reviewer_id = ?, reason = ?::text, order_id = ?, decided_at = ?",
                    ApprovalWorkflow.Name(ApprovalStatus.Approved), a.ReviewerId, a.Reason!, a.OrderId, a.DecidedAt);
                break;
            case ApprovalRejected r:
                Update(operations, e, r.ApprovalId, "status = ?, reviewer_id = ?, reason = ?::text, decided_at = ?",
                    ApprovalWorkflow.Name(ApprovalStatus.Rejected), r.ReviewerId, r.Reason!, r.DecidedAt);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
