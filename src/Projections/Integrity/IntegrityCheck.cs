using System.Diagnostics;
using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Tenancy;
using Marten;
using Marten.Storage;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Replays the event streams into a scratch schema with the same projections that build the live read tables, then
/// compares the two in SQL and computes the domain findings from the replay. Never trusts, and never writes, the live
/// tables. Memory is bounded by the page size: events stream through, rows stay in PostgreSQL. Works per tenant: a report
/// covers one tenant's events, rows and findings, and never mixes two tenants' rows.
/// </summary>
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

        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var scratch = await ScratchSchema.CreateAsync(connection, tables, options.KeepScratchSchema, cancellation);

        var replay = new StreamReplay(store, database, connection, replayTenant, options.PageSize, options.MaxDetailsPerKind);
        await replay.RunAsync(scratch.Projections, progress, cancellation);

        var live = ReadTableCatalog.For(store.Options.DatabaseSchemaName).Where(p => tables.Contains(p.TableShortName)).ToArray();
        tenants ??= (await TableComparison.TenantsAsync(connection, live.Select(p => p.TableName), cancellation))
            .Union(replay.Tenants).Order(StringComparer.Ordinal).ToArray();

        var reports = new List<IntegrityReport>();
        foreach (var tenant in tenants)
        {
            var tableReports = new List<TableReport>();
            foreach (var table in live)
            {
                progress?.Report(new IntegrityProgress(tenants.Count > 1 ? $"compare {table.TableShortName} of {tenant}" : $"compare {table.TableShortName}",
                    tableReports.Count, live.Length));
                tableReports.Add(await TableComparison.CompareAsync(connection, table, scratch.For(table.TableShortName), tenant, options.MaxDetailsPerKind,
                    cancellation));
            }

            var findings = await DomainFindingQueries.RunAsync(connection, scratch.Name, tenant, tables, checkedAt - options.PendingApprovalMaxAge,
                cancellation);
            reports.Add(new IntegrityReport(checkedAt, tenant, replay.EventsReplayed(tenant), Stopwatch.GetElapsedTime(started), tableReports,
                replay.Unapplied(tenant), replay.UnappliedCount(tenant), findings));
        }

        return reports;
    }
}
