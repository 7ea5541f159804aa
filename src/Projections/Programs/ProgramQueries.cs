using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.Programs;

/// <summary>Reads of the <c>programs</c> projection.</summary>
public static class ProgramQueries
{
    private const string ViewJson =
        "jsonb_build_object('id', id, 'programKey', program_key, 'name', name, 'templateId', template_id, 'templateKey', template_key, " +
        "'templateVersion', template_version, 'programType', program_type, 'beneficiaryGroupId', beneficiary_group_id, 'status', status, " +
        "'config', config, 'configOverrides', config_overrides, 'tags', to_jsonb(tags), 'sdgGoals', to_jsonb(sdg_goals), " +
        "'createdAt', created_at, 'updatedAt', updated_at)::text";

    public static Task<IReadOnlyList<ProgramView>> ListProgramsAsync(this IQuerySession session, string? programType, string? status,
        Guid? beneficiaryGroupId, CancellationToken cancellation = default) =>
        session.ViewsAsync<ProgramView>(
            $"select {ViewJson} from {session.Table(ProgramsTable.Name)} where tenant_id = ? " +
            "and (?::text is null or program_type = ?::text) and (?::text is null or status = ?::text) " +
            "and (?::uuid is null or beneficiary_group_id = ?::uuid) order by program_key",
            cancellation, session.TenantId, programType!, programType!, status!, status!, beneficiaryGroupId!, beneficiaryGroupId!);

    public static async Task<ProgramView?> FindProgramAsync(this IQuerySession session, Guid id, CancellationToken cancellation = default) =>
        (await session.ViewsAsync<ProgramView>($"select {ViewJson} from {session.Table(ProgramsTable.Name)} where tenant_id = ? and id = ?", cancellation, session.TenantId, id))
        .SingleOrDefault();

    /// <summary>Keys in use that a new program named after <paramref name="keyBase"/> could collide with: the base and base-N.</summary>
    public static async Task<IReadOnlySet<string>> ProgramKeysLikeAsync(this IQuerySession session, string keyBase, CancellationToken cancellation = default) =>
        (await session.AdvancedSql.QueryAsync<string>(
            $"select program_key from {session.Table(ProgramsTable.Name)} where tenant_id = ? and (program_key = ? or program_key ~ ?)",
            cancellation, session.TenantId, keyBase, $"^{System.Text.RegularExpressions.Regex.Escape(keyBase)}-[0-9]+$"))
        .ToHashSet(StringComparer.Ordinal);
}
