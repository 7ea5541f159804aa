using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace EventSourced.Projections.Approvals;

/// <summary>Projects approval events into <c>campaign_approvals</c> (inline, plain SQL).</summary>
public sealed class CampaignApprovalsProjection : EventProjection
{
    public const string ProjectionName = CampaignApprovalsTable.Name;

    private readonly string _table;

    public CampaignApprovalsProjection(string schema)
    {
        Name = ProjectionName;
        var table = CampaignApprovalsTable.Define(schema);
        SchemaObjects.Add(table);
        Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        _table = table.Identifier.QualifiedName;
        IncludeType<ApprovalRequested>();
        IncludeType<ApprovalApproved>();
        IncludeType<ApprovalRejected>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ApprovalRequested r:
                operations.QueueSqlCommand(
                    $"insert into {_table} (id, campaign_id, status, probability_before, probability_after, reservation_id, requested_at) " +
                    "values (?, ?, ?, ?, ?, ?, ?)",
                    r.ApprovalId, r.CampaignId, ApprovalWorkflow.Name(ApprovalStatus.Pending), r.ProbabilityBefore, r.ProbabilityAfter,
                    r.ReservationId, r.RequestedAt);
                break;
            case ApprovalApproved a:
                operations.QueueSqlCommand(
                    $"update {_table} set status = ?, reviewer_id = ?, reason = ?::text, order_id = ?, decided_at = ? where id = ?",
                    ApprovalWorkflow.Name(ApprovalStatus.Approved), a.ReviewerId, a.Reason!, a.OrderId, a.DecidedAt, a.ApprovalId);
                break;
            case ApprovalRejected r:
                operations.QueueSqlCommand($"update {_table} set status = ?, reviewer_id = ?, reason = ?::text, decided_at = ? where id = ?",
                    ApprovalWorkflow.Name(ApprovalStatus.Rejected), r.ReviewerId, r.Reason!, r.DecidedAt, r.ApprovalId);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
