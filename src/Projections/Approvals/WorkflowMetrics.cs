namespace EventSourced.Projections.Approvals;

/// <summary>What the workflow health check reports (runbook 002, "Application Metrics"); <see cref="StaleApprovals"/>: the pending
/// approvals older than the stale-approval policy's age.</summary>
public sealed record WorkflowMetrics(int PendingApprovals, int ActiveWorkflows, int ApprovedLast7Days, int RejectedLast7Days, int StaleApprovals = 0)
{
    public int DecidedLast7Days => ApprovedLast7Days + RejectedLast7Days;

    /// <summary>Approved share of the decisions of the last 7 days, in percent; null when nothing was decided.</summary>
    public double? ApprovalRate => DecidedLast7Days == 0 ? null : Math.Round(ApprovedLast7Days * 100.0 / DecidedLast7Days, 1);

    /// <summary>Several databases' (or tenants') metrics as one.</summary>
    public static WorkflowMetrics Sum(IEnumerable<WorkflowMetrics> metrics) =>
        metrics.Aggregate(new WorkflowMetrics(0, 0, 0, 0), (total, m) => new WorkflowMetrics(total.PendingApprovals + m.PendingApprovals,
            total.ActiveWorkflows + m.ActiveWorkflows, total.ApprovedLast7Days + m.ApprovedLast7Days, total.RejectedLast7Days + m.RejectedLast7Days,
            total.StaleApprovals + m.StaleApprovals));
}
