using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.BeneficiaryGroups;

/// <summary>Reads of the <c>beneficiary_groups</c> projection.</summary>
public static class BeneficiaryGroupQueries
{
    private const string ViewJson =
        "jsonb_build_object('id', id, 'name', name, 'description', description, 'region', region, 'tags', to_jsonb(tags), " +
        "'createdAt', created_at, 'updatedAt', updated_at)::text";

    public static Task<IReadOnlyList<BeneficiaryGroupView>> ListBeneficiaryGroupsAsync(this IQuerySession session, string? region, string? tag,
        CancellationToken cancellation = default) =>
        session.ViewsAsync<BeneficiaryGroupView>(
            $"select {ViewJson} from {session.Table(BeneficiaryGroupsTable.Name)} " +
            "where tenant_id = ? and (?::text is null or region = ?::text) and (?::text is null or ?::text = any(tags)) order by name, id",
            cancellation, session.TenantId, region!, region!, tag!, tag!);

    public static async Task<BeneficiaryGroupView?> FindBeneficiaryGroupAsync(this IQuerySession session, Guid id, CancellationToken cancellation = default) =>
        (await session.ViewsAsync<BeneficiaryGroupView>(
            $"select {ViewJson} from {session.Table(BeneficiaryGroupsTable.Name)} where tenant_id = ? and id = ?", cancellation, session.TenantId, id)).SingleOrDefault();
}
