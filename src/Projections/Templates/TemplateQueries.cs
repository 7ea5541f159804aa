using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.Templates;

/// <summary>Reads of the <c>program_templates</c> projection. Writers use them only for facts outside a stream
/// (other versions of a key); the unique index backs them up against races.</summary>
public static class TemplateQueries
{
    private const string ViewJson =
        "jsonb_build_object('id', id, 'templateKey', template_key, 'version', version, 'name', name, " +
        "'description', description, 'category', category, 'status', status, 'defaultConfig', default_config, " +
        "'configSchema', config_schema, 'deprecatedBy', deprecated_by, 'previousVersionId', previous_version_id, " +
        "'createdAt', created_at, 'updatedAt', updated_at)::text";

    public static Task<IReadOnlyList<TemplateView>> ListAsync(this IQuerySession session, string? category, string? status,
        CancellationToken cancellation = default) =>
        session.ViewsAsync<TemplateView>(
            $"select {ViewJson} from {Table(session)} where tenant_id = ? and (?::text is null or category = ?::text) " +
            "and (?::text is null or status = ?::text) order by template_key, version",
            cancellation, session.TenantId, category!, category!, status!, status!);

    public static async Task<TemplateView?> FindTemplateAsync(this IQuerySession session, Guid id, CancellationToken cancellation = default) =>
        (await session.ViewsAsync<TemplateView>($"select {ViewJson} from {Table(session)} where tenant_id = ? and id = ?", cancellation, session.TenantId, id)).SingleOrDefault();

    /// <summary>The highest version of <paramref name="templateKey"/>, or null when the key is new.</summary>
    public static async Task<int?> LatestVersionOfKeyAsync(this IQuerySession session, string templateKey, CancellationToken cancellation = default)
    {
        // Versions start at 1, so 0 means "no such key" (Marten's scalar queries do not take Nullable<int>).
        var latest = (await session.AdvancedSql.QueryAsync<int>(
            $"select coalesce(max(version), 0) from {Table(session)} where tenant_id = ? and template_key = ?", cancellation, session.TenantId, templateKey)).Single();
        return latest == 0 ? null : latest;
    }

    /// <summary>Ids of the other active versions of <paramref name="templateKey"/> (candidates for deprecation on publish).</summary>
    public static async Task<IReadOnlyList<Guid>> ActiveVersionIdsOfKeyAsync(this IQuerySession session, string templateKey, Guid except,
        CancellationToken cancellation = default) =>
        await session.AdvancedSql.QueryAsync<Guid>(
            $"select id from {Table(session)} where tenant_id = ? and template_key = ? and status = 'active' and id <> ? order by version",
            cancellation, session.TenantId, templateKey, except);

    private static string Table(IQuerySession session) => session.Table(ProgramTemplatesTable.Name);
}
