using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.Approvals;

/// <summary>Reads of the <c>campaign_approvals</c> projection, and the workflow metrics of the runbook's health check.</summary>
public static class ApprovalQueries
{
    private const string ViewJson =
        "jsonb_build_object('id', id, 'campaignId', campaign_id, 'status', status, 'probabilityBefore', probability_before, " +
        "'probabilityAfter', probability_after, 'reservationId', reservation_id, 'orderId', order_id, 'reviewerId', reviewer_id, " +
        "'reason', reason, 'requestedAt', requested_at, 'decidedAt', decided_at)::text";

    public static Task<IReadOnlyList<ApprovalView>> ListApprovalsAsync(this IQuerySession session, string? status, Guid? campaignId,
        CancellationToken cancellation = default) =>
        session.ViewsAsync<ApprovalView>(
            $"select {ViewJson} from {session.Table(CampaignApprovalsTable.Name)} where tenant_id = ? " +
            "and (?::text is null or status = ?::text) and (?::uuid is null or campaign_id = ?::uuid) order by requested_at, id",
            cancellation, session.TenantId, status!, status!, campaignId!, campaignId!);

    public static async Task<ApprovalView?> FindApprovalAsync(this IQuerySession session, Guid id, CancellationToken cancellation = default) =>
        (await session.ViewsAsync<ApprovalView>($"select {ViewJson} from {session.Table(CampaignApprovalsTable.Name)} where tenant_id = ? and id = ?", cancellation, session.TenantId, id))
        .SingleOrDefault();

    /// <summary>The runbook's workflow metrics of the session's tenant: pending approvals (and those pending longer than
    /// <paramref name="staleAfter"/>), and decisions of the last 7 days.</summary>
    public static Task<WorkflowMetrics> WorkflowMetricsAsync(this IQuerySession session, DateTimeOffset now, TimeSpan staleAfter,
        CancellationToken cancellation = default) =>
        MetricsAsync(session, now, staleAfter, session.TenantId, cancellation);

    /// <summary>The same metrics summed over every tenant in the session's database (the host's gauges: totals, no tenant's detail).</summary>
    public static Task<WorkflowMetrics> WorkflowMetricsOfEveryTenantAsync(this IQuerySession session, DateTimeOffset now, TimeSpan staleAfter,
        CancellationToken cancellation = default) =>
        MetricsAsync(session, now, staleAfter, tenantId: null, cancellation);

    private static async Task<WorkflowMetrics> MetricsAsync(IQuerySession session, DateTimeOffset now, TimeSpan staleAfter, string? tenantId,
        CancellationToken cancellation)
    {
        var since = now.AddDays(-7);
        var staleBefore = now - staleAfter;
        var json = (await session.AdvancedSql.QueryAsync<string>(
            "select jsonb_build_object(" +
            "'pendingApprovals', count(*) filter (where status = 'pending'), " +
            "'activeWorkflows', count(distinct campaign_id) filter (where status = 'pending'), " +
            "'approvedLast7Days', count(*) filter (where status = 'approved' and decided_at > ?), " +
            "'rejectedLast7Days', count(*) filter (where status = 'rejected' and decided_at > ?), " +
            "'staleApprovals', count(*) filter (where status = 'pending' and requested_at < ?))::text " +
            $"from {session.Table(CampaignApprovalsTable.Name)} where ?::text is null or tenant_id = ?::text",
            cancellation, since, since, staleBefore, tenantId!, tenantId!)).Single();
        return System.Text.Json.JsonSerializer.Deserialize<WorkflowMetrics>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }
}
