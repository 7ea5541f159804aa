using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using Marten;
using Marten.Storage;

namespace EventSourced.Projections.Replay;

/// <summary>
/// <c>rebuild --verify</c>: before the switch, the new tables are compared with a fresh replay of the log the way the
/// integrity check compares live tables (one snapshot, rows merged in key order), so a rebuild cannot make things worse. A
/// stream written since the last catch-up's mark may be ahead of its rows: it is left to the switch's final catch-up.
/// </summary>
internal static class ShadowVerification
{
    public sealed record Outcome(long Differences, string Summary);

    public static async Task<Outcome> RunAsync(IDocumentStore store, IMartenDatabase database, string? tenantOnly, long caughtUpTo,
        IReadOnlyList<ReadTableProjection> shadowProjections, CancellationToken cancellation)
    {
        await using var snapshot = await CheckSnapshot.OpenAsync(database, cancellation);
        var moving = (await WrittenStreams.SinceAsync(snapshot.Rows, store.Options.Events.DatabaseSchemaName, caughtUpTo, tenantOnly, cancellation))
            .Select(s => (s.TenantId, s.Id)).ToHashSet();
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

    private sealed class Sink(TableComparison comparison, HashSet<(string, Guid)> moving) : IReplaySink
    {
        public ValueTask StreamFoldedAsync(StreamKey stream, IReadOnlyList<object?[]?> rows, CancellationToken cancellation) =>
            moving.Contains((stream.TenantId, stream.Id)) ? comparison.SkipAsync(stream, cancellation) : comparison.CompareAsync(stream, rows, cancellation);
    }
}
