namespace EventSourced.Projections.Approvals;

/// <summary>
/// The workflow runbook's diagnosis queries (runbook 002, "Troubleshooting"), against this library's read tables.
/// On any state the library produced, each returns zero rows; a row means the read tables drifted from the streams.
/// Each row names its tenant, and joins stay within one tenant (ids may repeat across tenants under conjoined tenancy).
/// </summary>
public static class WorkflowDiagnosisQueries
{
    /// <summary>"Workflow not triggering at 90 %": campaigns at 90 % or more that never got an approval
    /// (expected only while <c>Workflow:Disable90PercentWorkflow</c> is on).</summary>
    public const string CampaignsAboveThresholdWithoutApproval =
        "SELECT tenant_id, id, name, probability, approval_request_id, reservation_id FROM program_campaigns " +
        "WHERE probability >= 90 AND approval_request_id IS NULL";

    /// <summary>"Inventory not released on rejection": reservations still holding inventory for a campaign that no longer
    /// qualifies (below 90 %, or no longer pointing at this reservation), and converted ones whose campaign is not won.
    /// The runbook's version flags every reservation of a campaign not yet won; here released and pending-approval
    /// reservations are legitimate states, so they are told apart by the reservation's own status.</summary>
    public const string OrphanedReservations =
        "SELECT ir.*, c.probability, c.status AS campaign_status FROM inventory_reservations ir " +
        "JOIN program_campaigns c ON c.tenant_id = ir.tenant_id AND c.id = ir.campaign_id " +
        "WHERE (ir.status = 'reserved' AND (c.probability < 90 OR c.reservation_id IS DISTINCT FROM ir.id)) " +
        "OR (ir.status = 'converted' AND c.status <> 'won')";

    /// <summary>"Order not created after approval": won campaigns at 100 % without an order (the runbook's query, with the tenant).</summary>
    public const string WonCampaignsWithoutOrder =
        "SELECT c.tenant_id, c.id, c.name, c.probability, c.status, o.id AS order_id FROM program_campaigns c " +
        "LEFT JOIN orders o ON o.tenant_id = c.tenant_id AND o.campaign_id = c.id WHERE c.probability = 100 AND c.status = 'won' AND o.id IS NULL";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        [nameof(CampaignsAboveThresholdWithoutApproval)] = CampaignsAboveThresholdWithoutApproval,
        [nameof(OrphanedReservations)] = OrphanedReservations,
        [nameof(WonCampaignsWithoutOrder)] = WonCampaignsWithoutOrder,
    };
}
