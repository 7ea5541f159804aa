using System.Text.Json;
using Marten;

namespace EventSourced.Projections.ReadTables;

/// <summary>
/// Reads rows of a read table as API views: the SQL builds the camelCase JSON (jsonb_build_object) and returns it as
/// text, deserialized here. (Marten would treat a view type with an Id as a document if asked to map it itself.)
/// </summary>
public static class ReadTableQuery
{
    private static readonly JsonSerializerOptions ViewJson = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<TView>> ViewsAsync<TView>(this IQuerySession session, string sql, CancellationToken cancellation,
        params object[] parameters) =>
        (await session.AdvancedSql.QueryAsync<string>(sql, cancellation, parameters))
        .Select(row => JsonSerializer.Deserialize<TView>(row, ViewJson)!)
        .ToArray();

    /// <summary>The schema-qualified name of a read table in this session's store.</summary>
    public static string Table(this IQuerySession session, string table) => $"{session.DocumentStore.Options.DatabaseSchemaName}.{table}";
}
