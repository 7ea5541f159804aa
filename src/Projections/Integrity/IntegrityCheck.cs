using System.Diagnostics;
using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Tenancy;
using Marten;
using EventSourced.Projections.Replay;
using Marten.Storage;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Compares every read table with what the event streams fold to, on the <see cref="ReplayEngine"/>: one ordered read of the
/// log, folded in memory by the same projections that build the live tables, merged against the live rows read in the same
/// key order — in one snapshot shared by both reads (<c>pg_export_snapshot</c>), so a write committing meanwhile is seen by
/// both or by neither. Never trusts, and never writes, the live tables; writes nothing at all unless a scratch schema is
/// asked for. Memory holds the batches in flight, a page of rows per table and the catalog the domain findings need.
/// Works per tenant: a report covers one tenant's events, rows and findings.
/// </summary>
/// <remarks>
/// Partial checks (<see cref="IntegrityCheckOptions.SinceSequence"/>, <see cref="IntegrityCheckOptions.Incremental"/>,
/// <see cref="IntegrityCheckOptions.StreamIds"/>) compare the chosen streams' rows only. A clean check of every table records
/// a mark (the oldest transaction its snapshot might not have seen, in <c>es_integrity_marks</c>); an incremental check then
/// covers exactly the streams written by that transaction or later, whatever the order their sequences committed in.
/// </remarks>
public static class IntegrityCheck
{
    /// <summary>Checks one tenant: <see cref="IntegrityCheckOptions.TenantId"/>, or Marten's default tenant when null.</summary>
    public static async Task<IntegrityReport> RunAsync(IDocumentStore store, IntegrityCheckOptions options, TimeProvider clock,
        IProgress<IntegrityProgress>? progress = null, CancellationToken cancellation = default)
    {
        var tenant = options.TenantId ?? TenantKeyedTable.DefaultTenant;
        var database = await store.Storage.FindOrCreateDatabase(tenant);
        return (await CheckDatabaseAsync(store, database, tenant, [tenant], options, clock, progress, cancellation)).Single();
    }

    /// <summary>
    /// Checks every tenant of the store (only <see cref="IntegrityCheckOptions.TenantId"/> when set): one report per tenant,
    /// in tenant order. Under conjoined tenancy the streams are replayed once for all tenants; with a database per tenant,
    /// each database is replayed on its own. A single-tenant store has one tenant, Marten's default.
    /// </summary>
    public static async Task<IReadOnlyList<IntegrityReport>> RunForTenantsAsync(IDocumentStore store, IntegrityCheckOptions options,
        TimeProvider clock, IProgress<IntegrityProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (options.TenantId is not null)
        {
            return [await RunAsync(store, options, clock, progress, cancellation)];
        }

        SelectTables(options.Tables);
        var reports = new List<IntegrityReport>();
        foreach (var database in await StoreTenants.DatabasesAsync(store))
        {
            var replayTenant = database.Tenants is [var only] ? only : null;
            reports.AddRange(await CheckDatabaseAsync(store, database.Database, replayTenant, database.Tenants, options, clock, progress, cancellation));
        }

        return reports.OrderBy(r => r.TenantId, StringComparer.Ordinal).ToArray();
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

    /// <param name="replayTenant">The tenant whose events are replayed; null replays every tenant's in the database at once.</param>
    /// <param name="tenants">The tenants to report on; null: every tenant with events or rows in the database.</param>
    private static async Task<IReadOnlyList<IntegrityReport>> CheckDatabaseAsync(IDocumentStore store, IMartenDatabase database, string? replayTenant,
        IReadOnlyList<string>? tenants, IntegrityCheckOptions options, TimeProvider clock, IProgress<IntegrityProgress>? progress,
        CancellationToken cancellation)
    {
        var tables = SelectTables(options.Tables);
        var started = Stopwatch.GetTimestamp();
        var checkedAt = clock.GetUtcNow();
        var schema = store.Options.DatabaseSchemaName;
        var live = ReadTableCatalog.For(schema).Where(p => tables.Contains(p.TableShortName)).ToArray();
        var marks = new IntegrityMarks(schema, replayTenant);

        await using var snapshot = await CheckSnapshot.OpenAsync(database, cancellation);
        var (scope, scopeText) = await ScopeAsync(snapshot, marks, options, store.Options.Events.DatabaseSchemaName, replayTenant, cancellation);
        var (filter, parameters) = LiveRowFilter(replayTenant, scope);
        var cursors = live.Select((table, i) => new LiveRowCursor(snapshot.Rows, table, $"es_live_{i}", options.PageSize)).ToArray();
        foreach (var cursor in cursors)
        {
            await cursor.OpenAsync(filter, parameters, cancellation);
        }

        var comparison = new TableComparison(snapshot.Rows, cursors, options.MaxDetailsPerKind);
        var findings = scope.IsAll ? new DomainFindingCollector(live) : null;
        var scratch = options.KeepScratchSchema ? await ScratchSchema.CreateAsync(database, tables, cancellation) : null;
        var engine = new ReplayEngine(store, database, replayTenant, live, options.MaxDetailsPerKind, options.PageSize);
        var estimate = scope.IsAll ? await engine.EstimateEventsAsync(snapshot.Events, cancellation) : 0;
        await engine.RunAsync(scope, new Sink(async (stream, rows, token) =>
        {
            await comparison.CompareAsync(stream, rows, token);
            findings?.Collect(stream, rows);
            if (scratch is not null)
            {
                await scratch.Writer.StreamFoldedAsync(stream, rows, token);
            }
        }), new Progress(progress, estimate), cancellation, snapshot.Events);
        await comparison.FinishAsync(cancellation);
        if (scratch is not null)
        {
            await scratch.Writer.FlushAsync(cancellation);
        }

        if (findings is { HasOrphanedEnrollments: true })
        {
            // Enrollments pointing at a program or campaign with no stream exist: a second pass, enrollments only, lists them.
            progress?.Report(new IntegrityProgress("orphaned enrollments", 0, 1));
            var enrollments = live.Single(p => p.TableShortName == "program_enrollments");
            await new ReplayEngine(store, database, replayTenant, [enrollments]).RunAsync(ReplayScope.All,
                new Sink((stream, rows, _) =>
                {
                    findings.CollectOrphans(stream, rows[0]);
                    return ValueTask.CompletedTask;
                }), null, cancellation, snapshot.Events);
        }

        var mark = await snapshot.MarkAsync(cancellation);
        tenants ??= comparison.Tenants.Union(engine.TenantsReplayed).Union(engine.TenantsWithUnapplied).Distinct().Order(StringComparer.Ordinal).ToArray();
        var reports = tenants.Select(tenant => new IntegrityReport(checkedAt, tenant, engine.EventsOf(tenant),
            Stopwatch.GetElapsedTime(started), comparison.ReportsOf(tenant), engine.UnappliedOf(tenant), engine.UnappliedCountOf(tenant),
            findings?.FindingsOf(tenant, checkedAt - options.PendingApprovalMaxAge) ?? []) { Scope = scopeText, QuarantinedEventsSkipped = engine.QuarantinedSkipped }).ToArray();
        await snapshot.DisposeAsync();
        if (tables.Count == ReadTableCatalog.TableNames.Count && reports.All(r => r.IsClean) && (options.IsFull || options.Incremental))
        {
            await marks.RecordAsync(database, mark, checkedAt, cancellation);
        }

        return reports;
    }

    /// <summary>Which streams the check replays, and the scope as the report states it. A partial scope is a list of streams,
    /// found once in the check's snapshot, so the replay and the live rows cover exactly the same ones.</summary>
    private static async Task<(ReplayScope Scope, string Text)> ScopeAsync(CheckSnapshot snapshot, IntegrityMarks marks, IntegrityCheckOptions options,
        string eventsSchema, string? replayTenant, CancellationToken cancellation)
    {
        if (options.StreamIds is { } ids)
        {
            var streams = await snapshot.StreamsAsync(eventsSchema, replayTenant, "e.stream_id = any($1)", ids.ToArray(), cancellation);
            return (ReplayScope.OfStreams(streams), $"{ids.Count} stream(s)");
        }

        if (options.SinceSequence is { } since)
        {
            return (ReplayScope.OfStreams(await snapshot.StreamsAsync(eventsSchema, replayTenant, "e.seq_id > $1", since, cancellation)), $"since sequence {since}");
        }

        if (options.Incremental && await marks.ReadAsync(snapshot.Rows, cancellation) is { } recorded)
        {
            var streams = await snapshot.StreamsWrittenSinceAsync(eventsSchema, replayTenant, recorded.TransactionXmin, cancellation);
            if (streams is not null)
            {
                return (ReplayScope.OfStreams(streams), $"written since the clean check of {recorded.CheckedAt:u}");
            }
        }

        return (ReplayScope.All, "full");
    }

    private static (string Filter, IReadOnlyList<object> Parameters) LiveRowFilter(string? replayTenant, ReplayScope scope)
    {
        var filters = new List<string>();
        var parameters = new List<object>();
        if (replayTenant is not null)
        {
            parameters.Add(replayTenant);
            filters.Add($"t.{TenantKeyedTable.TenantColumn} = ${parameters.Count}");
        }

        if (scope.Streams is { } streams)
        {
            parameters.Add(streams.Select(s => s.TenantId).ToArray());
            parameters.Add(streams.Select(s => s.Id).ToArray());
            filters.Add($"(t.{TenantKeyedTable.TenantColumn}, t.id) in (select * from unnest(${parameters.Count - 1}::text[], ${parameters.Count}::uuid[]))");
        }

        return (string.Join(" and ", filters), parameters);
    }

    private sealed class Sink(Func<StreamKey, IReadOnlyList<object?[]?>, CancellationToken, ValueTask> folded) : IReplaySink
    {
        public ValueTask StreamFoldedAsync(StreamKey stream, IReadOnlyList<object?[]?> rows, CancellationToken cancellation) =>
            folded(stream, rows, cancellation);
    }

    private sealed class Progress(IProgress<IntegrityProgress>? progress, long estimate) : IProgress<long>
    {
        public void Report(long value) => progress?.Report(new IntegrityProgress("replay", value, Math.Max(estimate, value)));
    }
}
