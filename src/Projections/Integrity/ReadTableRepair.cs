using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Targeted repair of one tenant's read-table drift: for each (table, stream) the check flagged, delete that stream's row and
/// re-apply the stream's events through the table's own projection, the way Marten's single-stream rebuild does for
/// document projections (<c>RebuildSingleStreamAsync</c>, which only handles documents). Rows no stream produces
/// (orphans) are deleted. Each batch runs in one transaction that first locks the streams' <c>mt_streams</c> rows, so
/// an append racing the repair waits and then projects on top of the repaired rows. Every statement is keyed by the tenant
/// too, and the session is the tenant's: another tenant's stream or row with the same id is never touched.
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

        var byTable = batch.GroupBy(t => t.Table).ToDictionary(g => g.Key, g => g.Select(t => t.StreamId).ToHashSet());
        foreach (var (table, ids) in byTable)
        {
            session.QueueSqlCommand($"delete from {live[table].TableName} where tenant_id = ? and id = any(?)", tenantId, ids.ToArray());
        }

        var applied = new HashSet<Target>();
        foreach (var e in await StreamEvents.ReadAsync(session, streamIds, cancellation))
        {
            foreach (var (table, ids) in byTable)
            {
                if (ids.Contains(e.StreamId) && live[table].Handles(e.EventType))
                {
                    await live[table].ApplyAsync(session, e, cancellation);
                    applied.Add(new Target(table, e.StreamId));
                }
            }
        }

        await session.SaveChangesAsync(cancellation);
        return batch.Select(t => new ReprojectedRow(t.Table, t.StreamId, applied.Contains(t) ? "re-projected" : "deleted")).ToArray();
    }

    private sealed record Target(string Table, Guid StreamId);
}

/// <summary>A row re-projected from its stream, <c>deleted</c> because no stream produces it, or <c>failed: …</c> (left as it
/// was) because its stream holds an event that cannot be read or applied (the check reports it as <c>unapplied-event</c>).</summary>
public sealed record ReprojectedRow(string Table, Guid StreamId, string Action);
