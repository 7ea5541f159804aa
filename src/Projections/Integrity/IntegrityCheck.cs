using System.Diagnostics;
using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Replays the event streams into a scratch schema with the same projections that build the live read tables, then
/// compares the two in SQL and computes the domain findings from the replay. Never trusts, and never writes, the live
/// tables. Memory is bounded by the page size: events stream through, rows stay in PostgreSQL.
/// </summary>
public static class IntegrityCheck
{
    public static async Task<IntegrityReport> RunAsync(IDocumentStore store, IntegrityCheckOptions options, TimeProvider clock,
        IProgress<IntegrityProgress>? progress = null, CancellationToken cancellation = default)
    {
        var tables = SelectTables(options.Tables);
        var started = Stopwatch.GetTimestamp();
        var checkedAt = clock.GetUtcNow();

        await using var query = store.QuerySessionFor(options.TenantId);
        await using var connection = query.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var scratch = await ScratchSchema.CreateAsync(connection, tables, options.KeepScratchSchema, cancellation);

        var replay = new StreamReplay(store, connection, options.TenantId, options.PageSize, options.MaxDetailsPerKind);
        await replay.RunAsync(scratch.Projections, progress, cancellation);

        var reports = new List<TableReport>();
        var live = ReadTableCatalog.For(store.Options.DatabaseSchemaName);
        foreach (var table in tables)
        {
            progress?.Report(new IntegrityProgress($"compare {table}", reports.Count, tables.Count));
            reports.Add(await TableComparison.CompareAsync(connection, live.Single(p => p.TableShortName == table), scratch.For(table),
                options.MaxDetailsPerKind, cancellation));
        }

        var findings = await DomainFindingQueries.RunAsync(connection, scratch.Name, tables, checkedAt - options.PendingApprovalMaxAge, cancellation);
        return new IntegrityReport(checkedAt, options.TenantId ?? query.TenantId, replay.EventsReplayed, Stopwatch.GetElapsedTime(started), reports,
            replay.Unapplied, replay.UnappliedCount, findings);
    }

    /// <summary>The tables to check, in catalog order; unknown names are refused with the list of valid ones.</summary>
    public static IReadOnlyList<string> SelectTables(IReadOnlyCollection<string>? requested)
    {
        if (requested is null || requested.Count == 0)
        {
            return ReadTableCatalog.TableNames;
        }

        var unknown = requested.Where(t => !ReadTableCatalog.TableNames.Contains(t)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"Unknown read table(s): {string.Join(", ", unknown)}. Known tables: {string.Join(", ", ReadTableCatalog.TableNames)}.");
        }

        return ReadTableCatalog.TableNames.Where(requested.Contains).ToArray();
    }
}
