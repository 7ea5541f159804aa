using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Replay;
using Marten;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Targeted repair of one tenant's read-table drift: for each (table, stream) the check flagged, the stream is folded again
/// by the <see cref="ReplayEngine"/> (the fold the rebuild and the check use) and its row replaced by the folded one, or
/// deleted when the stream folds to none (orphans). Each batch runs in one transaction that first locks the streams'
/// <c>mt_streams</c> rows, so an append racing the repair waits and then projects on top of the repaired rows; the events are
/// read after the lock is held. Every statement is keyed by the tenant too: another tenant's stream or row with the same id
/// is never touched. A stream with an event that cannot be read or applied is left as it was, with the reason.
/// </summary>
public static class ReadTableRepair
{
    /// <summary>Streams re-projected per transaction.</summary>
    public const int BatchSize = 200;

    /// <param name="tenantId">The tenant the drift was found in; null is Marten's default tenant.</param>
    /// <returns>One entry per (table, stream): re-projected, deleted, or failed (left as it was, with the reason).</returns>
    public static async Task<IReadOnlyList<ReprojectedRow>> RepairAsync(IDocumentStore store, IReadOnlyList<TableReport> drift, string? tenantId,
        CancellationToken cancellation)
    {
        var tenant = tenantId ?? TenantKeyedTable.DefaultTenant;
        var live = ReadTableCatalog.For(store.Options.DatabaseSchemaName).ToDictionary(p => p.TableShortName);
        var targets = drift.SelectMany(t => t.DriftedRows.Select(id => new Target(t.Table, id))).Distinct().ToArray();
        var repaired = new List<ReprojectedRow>();
        foreach (var batch in targets.Chunk(BatchSize))
        {
            try
            {
                repaired.AddRange(await RepairBatchAsync(store, live, batch, tenant, cancellation));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Some stream of this batch cannot be read or re-applied (nothing of the batch was saved): repair the streams
                // one by one, so only the failing ones are left as they were, and say why.
                foreach (var stream in batch.GroupBy(t => t.StreamId))
                {
                    try
                    {
                        repaired.AddRange(await RepairBatchAsync(store, live, stream.ToArray(), tenant, cancellation));
                    }
                    catch (Exception streamError) when (streamError is not OperationCanceledException)
                    {
                        repaired.AddRange(stream.Select(t => new ReprojectedRow(t.Table, t.StreamId, $"failed: {streamError.Innermost().Message}")));
                    }
                }
            }
        }

        return repaired;
    }

    private static async Task<IReadOnlyList<ReprojectedRow>> RepairBatchAsync(IDocumentStore store, Dictionary<string, ReadTableProjection> live,
        IReadOnlyList<Target> batch, string tenantId, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(tenantId);
        await session.BeginTransactionAsync(cancellation);
        var streamIds = batch.Select(t => t.StreamId).Distinct().ToArray();
        await session.AdvancedSql.QueryAsync<Guid>(
            $"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where tenant_id = ? and id = any(?) order by id for update", cancellation,
            tenantId, streamIds);

        // The streams are locked: no append can land between this read and the commit.
        var tables = batch.Select(t => t.Table).Distinct().Select(t => live[t]).ToArray();
        var database = await store.Storage.FindOrCreateDatabase(tenantId);
        var engine = new ReplayEngine(store, database, tenantId, tables);
        var folded = new Dictionary<Guid, IReadOnlyList<object?[]?>>();
        await engine.RunAsync(ReplayScope.OfStreams(streamIds.Select(id => (tenantId, id)).ToArray()), new Collect(folded), null, cancellation);
        if (engine.UnappliedCount > 0)
        {
            var first = engine.Unapplied[0];
            throw new InvalidOperationException($"event {first.Sequence} ({first.EventType}, version {first.Version}) cannot be read or applied: {first.Error}");
        }

        var results = new List<ReprojectedRow>();
        foreach (var target in batch)
        {
            var index = Array.FindIndex(tables, t => t.TableShortName == target.Table);
            var table = tables[index];
            session.QueueSqlCommand($"delete from {table.TableName} where {TenantKeyedTable.TenantColumn} = ? and id = ?", tenantId, target.StreamId);
            if (folded.TryGetValue(target.StreamId, out var rows) && rows[index] is { } row)
            {
                var (sql, parameters) = table.Shape.InsertRow(row);
                session.QueueSqlCommand(sql, parameters);
                results.Add(new ReprojectedRow(target.Table, target.StreamId, "re-projected"));
            }
            else
            {
                results.Add(new ReprojectedRow(target.Table, target.StreamId, "deleted"));
            }
        }

        await session.SaveChangesAsync(cancellation);
        return results;
    }

    private sealed class Collect(Dictionary<Guid, IReadOnlyList<object?[]?>> folded) : IReplaySink
    {
        public ValueTask StreamFoldedAsync(StreamKey stream, IReadOnlyList<object?[]?> rows, CancellationToken cancellation)
        {
            folded[stream.Id] = rows;
            return ValueTask.CompletedTask;
        }
    }

    private sealed record Target(string Table, Guid StreamId);
}

/// <summary>A row re-projected from its stream, <c>deleted</c> because no stream produces it, or <c>failed: …</c> (left as it
/// was) because its stream holds an event that cannot be read or applied (the check reports it as <c>unapplied-event</c>).</summary>
public sealed record ReprojectedRow(string Table, Guid StreamId, string Action);
