namespace EventSourced.Projections.Approvals;

/// <summary>What the workflow health check reports (runbook 002, "Application Metrics").</summary>
public sealed record WorkflowMetrics(int PendingApprovals, int ActiveWorkflows, int ApprovedLast7Days, int RejectedLast7Days)
{
    public int DecidedLast7Days => ApprovedLast7Days + RejectedLast7Days;

    /// <summary>Approved share of the decisions of the last 7 days, in percent; null when nothing was decided.</summary>
    public double? ApprovalRate => DecidedLast7Days == 0 ? null : Math.Round(ApprovedLast7Days * 100.0 / DecidedLast7Days, 1);
}
