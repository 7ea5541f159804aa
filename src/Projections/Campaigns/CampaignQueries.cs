using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.Campaigns;

/// <summary>Reads of the <c>program_campaigns</c> projection.</summary>
public static class CampaignQueries
{
    private const string ViewJson =
        "jsonb_build_object('id', id, 'programId', program_id, 'companyId', company_id, 'name', name, " +
        "'targetEnrollment', target_enrollment, 'maxEnrollment', max_enrollment, " +
        "'budget', case when budget_currency is null then null else jsonb_build_object('amount', budget_amount, 'currency', budget_currency) end, " +
        "'startDate', start_date, 'endDate', end_date, 'status', status, 'templateId', template_id, 'templateVersion', template_version, " +
        "'config', config, 'configOverrides', config_overrides, 'probability', probability, 'approvalRequestId', approval_request_id, " +
        "'reservationId', reservation_id, 'orderId', order_id, 'createdAt', created_at, 'updatedAt', updated_at)::text";

    public static Task<IReadOnlyList<CampaignView>> ListCampaignsAsync(this IQuerySession session, Guid? companyId, Guid? programId, string? status,
        CancellationToken cancellation = default) =>
        session.ViewsAsync<CampaignView>(
            $"select {ViewJson} from {session.Table(ProgramCampaignsTable.Name)} where tenant_id = ? " +
            "and (?::uuid is null or company_id = ?::uuid) and (?::uuid is null or program_id = ?::uuid) and (?::text is null or status = ?::text) " +
            "order by created_at, id",
            cancellation, session.TenantId, companyId!, companyId!, programId!, programId!, status!, status!);

    public static async Task<CampaignView?> FindCampaignAsync(this IQuerySession session, Guid id, CancellationToken cancellation = default) =>
        (await session.ViewsAsync<CampaignView>($"select {ViewJson} from {session.Table(ProgramCampaignsTable.Name)} where tenant_id = ? and id = ?", cancellation, session.TenantId, id))
        .SingleOrDefault();
}
