using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using Marten;
using Marten.Storage;
using Npgsql;

namespace EventSourced.Projections.Replay;

/// <summary>
/// <c>rebuild --verify</c>: before the switch, the new tables are compared with a fresh replay of the log the way the
/// integrity check compares live tables (one snapshot, rows merged in key order), so a rebuild cannot make things worse. A
/// stream that moved on since it was folded (its version is past the one recorded) is left to the switch's final catch-up.
/// </summary>
internal static class ShadowVerification
{
    public sealed record Outcome(long Differences, string Summary);

    public static async Task<Outcome> RunAsync(IDocumentStore store, IMartenDatabase database, string? tenantOnly, string shadow,
        IReadOnlyList<ReadTableProjection> shadowProjections, CancellationToken cancellation)
    {
        await using var snapshot = await CheckSnapshot.OpenAsync(database, cancellation);
        var moving = await MovedSinceFoldedAsync(snapshot.Rows, store.Options.Events.DatabaseSchemaName, shadow, tenantOnly, cancellation);
        var cursors = shadowProjections.Select((table, i) => new LiveRowCursor(snapshot.Rows, table, $"es_verify_{i}")).ToArray();
        foreach (var cursor in cursors)
        {
            await cursor.OpenAsync(tenantOnly is null ? string.Empty : $"t.{TenantKeyedTable.TenantColumn} = $1",
                tenantOnly is null ? [] : [tenantOnly], cancellation);
        }

        var comparison = new TableComparison(snapshot.Rows, cursors, maxDetails: 5);
        var engine = new ReplayEngine(store, database, tenantOnly, shadowProjections);
        await engine.RunAsync(ReplayScope.All, new Sink(comparison, moving), null, cancellation, snapshot.Events);
        await comparison.FinishAsync(cancellation);
        var tables = comparison.Tenants.SelectMany(comparison.ReportsOf).Where(t => !t.IsClean).ToArray();
        var differences = tables.Sum(t => t.MissingCount + t.ExtraCount + t.MismatchCount);
        var summary = string.Join("; ", tables.GroupBy(t => t.Table).Select(g =>
            $"{g.Key}: {g.Sum(t => t.MissingCount)} missing, {g.Sum(t => t.ExtraCount)} extra, {g.Sum(t => t.MismatchCount)} differing" +
            (g.SelectMany(t => t.DriftedRows).FirstOrDefault() is { } first && first != Guid.Empty ? $" (e.g. stream {first})" : string.Empty)));
        return new Outcome(differences, summary);
    }

    /// <summary>The streams whose version in this snapshot is not the one their rows were folded to (few: those written since
    /// the last catch-up).</summary>
    private static async Task<HashSet<(string, Guid)>> MovedSinceFoldedAsync(NpgsqlConnection connection, string schema, string shadow, string? tenantOnly,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select s.tenant_id, s.id from {schema}.mt_streams s left join {shadow}.{ShadowTableWriter.StreamVersionsTable} v " +
            "on v.tenant_id = s.tenant_id and v.id = s.id where s.is_archived = false and s.version <> coalesce(v.version, 0)" +
            (tenantOnly is null ? string.Empty : " and s.tenant_id = $1"), connection) { CommandTimeout = 0 };
        if (tenantOnly is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenantOnly });
        }

        var moved = new HashSet<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            moved.Add((reader.GetString(0), reader.GetGuid(1)));
        }

        return moved;
    }

    private sealed class Sink(TableComparison comparison, HashSet<(string, Guid)> moving) : IReplaySink
    {
        public ValueTask StreamFoldedAsync(StreamKey stream, IReadOnlyList<object?[]?> rows, CancellationToken cancellation) =>
            moving.Contains((stream.TenantId, stream.Id)) ? comparison.SkipAsync(stream, cancellation) : comparison.CompareAsync(stream, rows, cancellation);
    }
}
