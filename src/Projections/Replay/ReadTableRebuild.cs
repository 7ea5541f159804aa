using System.Diagnostics;
using EventSourced.Projections.ReadTables;
using Marten;
using Marten.Storage;
using Npgsql;
using Weasel.Postgresql;

namespace EventSourced.Projections.Replay;

/// <summary>
/// Rebuilds read tables from the event log without taking them down: the new tables are built beside the live ones (a
/// shadow schema) by the <see cref="ReplayEngine"/>, the streams that moved on meanwhile are caught up, and the new tables
/// replace the live ones in one short transaction that holds appends off (<c>LOCK mt_events IN EXCLUSIVE MODE</c>) only for
/// the final catch-up. Readers see the old complete table until the switch, then the new complete one; a write is never
/// lost, whichever node or process makes it, because the coordination is PostgreSQL's own locks. An interrupted rebuild
/// leaves the live tables untouched (its shadow schema is dropped by the next one).
/// </summary>
public static class ReadTableRebuild
{
    /// <summary>Held for the whole rebuild: one rebuild per database at a time.</summary>
    private const long RebuildLockKey = 0x45_53_52_45_42_55_49_4C; // "ESREBUIL"

    private const string ShadowPrefix = "es_rebuild_";

    public static async Task<IReadOnlyList<RebuildReport>> RunAsync(IDocumentStore store, RebuildOptions options,
        IProgress<RebuildProgress>? progress = null, CancellationToken cancellation = default)
    {
        var conjoined = Tenancy.StoreTenants.IsConjoined(store);
        var databases = options.TenantId is { } tenant && !conjoined
            ? [await store.Storage.FindOrCreateDatabase(tenant)]
            : await store.Storage.AllDatabases();
        var reports = new List<RebuildReport>();
        foreach (var database in databases)
        {
            reports.Add(await RunAsync(store, database, conjoined ? options.TenantId : null, options, progress, cancellation));
        }

        return reports;
    }

    private static async Task<RebuildReport> RunAsync(IDocumentStore store, IMartenDatabase database, string? tenantOnly, RebuildOptions options,
        IProgress<RebuildProgress>? progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var gcPauses = GC.GetTotalPauseDuration(); // the whole process's: informational, for tuning
        var schema = store.Options.DatabaseSchemaName;
        var tables = Integrity.IntegrityCheck.SelectTables(options.Tables);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        if (!await ScalarAsync<bool>(connection, $"select pg_try_advisory_lock({RebuildLockKey})", cancellation))
        {
            throw new InvalidOperationException($"Another rebuild is running on database {database.Id.Server}/{database.Id.Name}; try again when it has finished.");
        }

        await DropLeftoversAsync(connection, cancellation); // from a rebuild that was interrupted: the lock says none is running
        var shadow = $"{ShadowPrefix}{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
        var live = ReadTableCatalog.For(schema).Where(p => tables.Contains(p.TableShortName)).ToArray();
        var projections = ReadTableCatalog.For(shadow).Where(p => tables.Contains(p.TableShortName)).ToArray();
        var migrator = new PostgresqlMigrator();
        var phase = Stopwatch.StartNew();
        // The shadow tables get their secondary indexes after the bulk load: building an index once is cheaper than keeping it.
        var indexes = projections.Select(p => (p.Table, Indexes: p.Table.Indexes.ToArray())).ToArray();
        // Autovacuum stays off the shadow tables while they are built: a vacuum that a bulk load starts on a table holds a lock
        // the switch needs, and PostgreSQL cancels it only after deadlock_timeout (1 s) of appends held off. The rebuild
        // analyzes them itself before the switch, and hands them back to autovacuum after it.
        var createTables = string.Join(";\n", projections.Select(p => WithoutIndexes(p.Table, t => t.ToCreateSql(migrator)) +
            $";\nalter table {p.TableName} set (autovacuum_enabled = false)"));
        await ExecuteAsync(connection, $"create schema {shadow};\n{createTables}", cancellation);
        var created = phase.Elapsed;
        try
        {
            phase.Restart();
            var engine = new ReplayEngine(store, database, tenantOnly, projections);
            var writer = new ShadowTableWriter(connection, projections);
            var estimate = await engine.EstimateEventsAsync(connection, cancellation);
            // Taken before the replay's snapshot: whatever that snapshot misses was written by this transaction or a later one.
            var since = await WrittenStreams.MarkAsync(connection, cancellation);
            await engine.RunAsync(ReplayScope.All, writer, new ReportAs(progress, "replay", estimate), cancellation);
            await writer.FlushAsync(cancellation);
            var (replay, read, decode, fold, write) = (phase.Elapsed, engine.ReadTime, engine.DecodeTime, engine.FoldTime, writer.WriteTime);
            phase.Restart();
            foreach (var (table, tableIndexes) in indexes)
            {
                foreach (var index in tableIndexes)
                {
                    await ExecuteAsync(connection, index.ToDDL(table), cancellation); // two at a time on two connections measured no faster
                }
            }

            // Analyzed here, so the new tables go live with statistics. (A vacuum here too would spare them the insert-triggered
            // autovacuum after the switch, which only matters to a second rebuild within seconds; it cost 1 s at 1M events.)
            await ExecuteAsync(connection, $"analyze {string.Join(", ", projections.Select(p => p.TableName))}", cancellation);
            var indexed = phase.Elapsed;
            phase.Restart();
            long caughtUp = 0;
            for (var round = 0; round < options.CatchUpRounds; round++)
            {
                (var moved, since) = await CatchUpAsync(connection, engine, writer, schema, tenantOnly, since, cancellation);
                caughtUp += moved;
                progress?.Report(new RebuildProgress("catch-up", round + 1, options.CatchUpRounds));
                if (moved < 100)
                {
                    break; // few enough for the final catch-up under the lock
                }
            }

            var catchUp = phase.Elapsed;
            phase.Restart();
            ShadowVerification.Outcome? verified = null;
            if (options.Verify)
            {
                progress?.Report(new RebuildProgress("verify", 0, 1));
                verified = await ShadowVerification.RunAsync(store, database, tenantOnly, since, projections, cancellation);
            }

            var verify = phase.Elapsed;
            phase.Restart();
            var before = await CountsAsync(connection, live, tenantOnly, cancellation);
            string? notSwitched = engine.UnappliedCount > 0 && !options.ProceedDespiteUnappliedEvents
                ? $"{engine.UnappliedCount} event(s) could not be read or applied; the live tables were left as they are " +
                  "(fix or upcast the events, or rebuild with --proceed to switch anyway)"
                : verified is { Differences: > 0 }
                ? $"--verify found {verified.Differences} row(s) of the new tables that differ from a replay of the log ({verified.Summary}); " +
                  "the live tables were left as they are"
                : options.DryRun ? "dry run: the new tables were built and counted, then dropped" : null;
            var counted = phase.Elapsed;
            var switchTime = TimeSpan.Zero;
            if (notSwitched is null)
            {
                progress?.Report(new RebuildProgress("switch", 0, 1));
                (switchTime, var final) = await SwitchAsync(connection, engine, writer, schema, shadow, projections, tenantOnly, since, options,
                    cancellation);
                caughtUp += final;
                if (tenantOnly is null)
                {
                    await ExecuteAsync(connection, string.Join(";\n", live.Select(p => $"alter table {p.TableName} reset (autovacuum_enabled)")), cancellation);
                }
            }

            var after = await CountsAsync(connection, notSwitched is null ? live : projections, tenantOnly, cancellation);
            return new RebuildReport($"{database.Id.Server}/{database.Id.Name}", live.Select((p, i) => new RebuildTableReport(p.TableShortName, before[i], after[i])).ToArray(),
                engine.StreamsReplayed, engine.EventsReplayed, engine.UnappliedCount, engine.Unapplied, caughtUp, notSwitched is null, notSwitched,
                watch.Elapsed, switchTime)
            {
                QuarantinedEventsSkipped = engine.QuarantinedSkipped,
                Phases = new Dictionary<string, TimeSpan>
                {
                    ["create"] = created, ["replay"] = replay, ["read"] = read, ["decode"] = decode, ["fold"] = fold, ["write"] = write, ["index"] = indexed, ["catch-up"] = catchUp,
                    ["verify"] = verify, ["count"] = counted, ["switch"] = switchTime, ["gc pauses"] = GC.GetTotalPauseDuration() - gcPauses,
                },
                VerifyDifferences = verified?.Differences,
            };
        }
        finally
        {
            await CleanUpAsync(database, connection, shadow);
        }
    }

    private static string WithoutIndexes(Weasel.Postgresql.Tables.Table table, Func<Weasel.Postgresql.Tables.Table, string> write)
    {
        var indexes = table.Indexes.ToArray();
        table.Indexes.Clear();
        try
        {
            return write(table);
        }
        finally
        {
            foreach (var index in indexes)
            {
                table.Indexes.Add(index);
            }
        }
    }

    /// <summary>
    /// Drops the shadow schemas and releases the rebuild lock. An interrupted <c>COPY</c> breaks its connection (and the
    /// session lock goes with it), so the schemas are then dropped over a fresh one; were even that impossible, the next
    /// rebuild drops them.
    /// </summary>
    private static async Task CleanUpAsync(IMartenDatabase database, NpgsqlConnection connection, string shadow)
    {
        var drop = $"drop schema if exists {shadow} cascade; drop schema if exists {shadow}_old cascade";
        if (connection.State == System.Data.ConnectionState.Open)
        {
            await ExecuteAsync(connection, $"{drop}; select pg_advisory_unlock({RebuildLockKey})", CancellationToken.None);
            return;
        }

        await using var fresh = database.CreateConnection();
        await fresh.OpenAsync(CancellationToken.None);
        await ExecuteAsync(fresh, drop, CancellationToken.None);
    }

    /// <summary>
    /// Folds again the streams written since <paramref name="since"/> (the mark taken before the replay, or before the
    /// previous round); returns how many, and the mark for the next round. A round under a steady writer folds about what was
    /// written during the round before, so the final one, under the lock, is short.
    /// </summary>
    private static async Task<(int Moved, long Mark)> CatchUpAsync(NpgsqlConnection connection, ReplayEngine engine, ShadowTableWriter writer,
        string schema, string? tenantOnly, long since, CancellationToken cancellation)
    {
        var mark = await WrittenStreams.MarkAsync(connection, cancellation);
        var moved = await WrittenStreams.SinceAsync(connection, schema, since, tenantOnly, cancellation);
        if (moved.Count > 0)
        {
            await writer.ForgetAsync(moved, cancellation);
            await engine.RunAsync(ReplayScope.OfStreams(moved.Select(s => (s.TenantId, s.Id)).ToArray()), writer, null, cancellation);
            await writer.FlushAsync(cancellation);
        }

        return (moved.Count, mark);
    }

    /// <summary>
    /// The switch, in one transaction: appends are held off, the last streams that moved are folded, and the new tables take
    /// the live ones' place (moved between schemas, with their indexes and constraints). A deadlock or lock timeout (a long
    /// reader, a writer holding a table) rolls back and is tried again: nothing has changed until the commit.
    /// </summary>
    private static async Task<(TimeSpan Duration, long CaughtUp)> SwitchAsync(NpgsqlConnection connection, ReplayEngine engine, ShadowTableWriter writer,
        string schema, string shadow, IReadOnlyList<ReadTableProjection> projections, string? tenantOnly, long since, RebuildOptions options,
        CancellationToken cancellation)
    {
        var retired = $"{shadow}_old";
        await ExecuteAsync(connection, $"create schema {retired}", cancellation);
        for (var attempt = 1; ; attempt++)
        {
            var watch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            try
            {
                await ExecuteAsync(connection, $"set local lock_timeout = '{(int)options.LockTimeout.TotalMilliseconds}ms'; " +
                                               $"lock table {schema}.mt_events in exclusive mode", cancellation);
                var (caughtUp, _) = await CatchUpAsync(connection, engine, writer, schema, tenantOnly, since, cancellation);
                foreach (var table in projections.Select(p => p.TableShortName))
                {
                    await ExecuteAsync(connection, tenantOnly is null
                        ? $"alter table {schema}.{table} set schema {retired}; alter table {shadow}.{table} set schema {schema}"
                        : ReplaceTenantRowsSql(schema, shadow, projections.Single(p => p.TableShortName == table), tenantOnly), cancellation);
                }

                await transaction.CommitAsync(cancellation);
                return (watch.Elapsed, caughtUp);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable && attempt < 5)
            {
                await transaction.RollbackAsync(cancellation);
            }
        }
    }

    // One tenant of a shared table: its rows are replaced, under the same lock, and the other tenants' rows are not touched.
    private static string ReplaceTenantRowsSql(string schema, string shadow, ReadTableProjection table, string tenant)
    {
        var columns = string.Join(", ", table.Shape.Columns.Select(c => c.Name));
        var literal = tenant.Replace("'", "''", StringComparison.Ordinal);
        return $"delete from {schema}.{table.TableShortName} where {TenantKeyedTable.TenantColumn} = '{literal}'; " +
               $"insert into {schema}.{table.TableShortName} ({columns}) select {columns} from {shadow}.{table.TableShortName}";
    }

    private static async Task DropLeftoversAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        var leftovers = new List<string>();
        await using (var command = new NpgsqlCommand($"select nspname from pg_namespace where nspname like '{ShadowPrefix}%'", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                leftovers.Add(reader.GetString(0));
            }
        }

        foreach (var name in leftovers)
        {
            await ExecuteAsync(connection, $"drop schema if exists {name} cascade", cancellation);
        }
    }

    private static async Task<long[]> CountsAsync(NpgsqlConnection connection, IReadOnlyList<ReadTableProjection> tables, string? tenantOnly,
        CancellationToken cancellation)
    {
        var counts = new long[tables.Count];
        for (var i = 0; i < tables.Count; i++)
        {
            counts[i] = await ScalarAsync<long>(connection, $"select count(*) from {tables[i].TableName}" +
                (tenantOnly is null ? string.Empty : $" where {TenantKeyedTable.TenantColumn} = '{tenantOnly.Replace("'", "''", StringComparison.Ordinal)}'"),
                cancellation);
        }

        return counts;
    }

    /// <summary>Events replayed of about how many, reported as the rebuild's progress on the calling thread (not posted, so a
    /// caller can stop it on time).</summary>
    private sealed class ReportAs(IProgress<RebuildProgress>? progress, string phase, long estimate) : IProgress<long>
    {
        public void Report(long value) => progress?.Report(new RebuildProgress(phase, value, Math.Max(estimate, value)));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellation))!;
    }
}
