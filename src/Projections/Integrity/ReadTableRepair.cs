using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Targeted repair of read-table drift: for each (table, stream) the check flagged, delete that stream's row and
/// re-apply the stream's events through the table's own projection, the way Marten's single-stream rebuild does for
/// document projections (<c>RebuildSingleStreamAsync</c>, which only handles documents). Rows no stream produces
/// (orphans) are deleted. Each batch runs in one transaction that first locks the streams' <c>mt_streams</c> rows, so
/// an append racing the repair waits and then projects on top of the repaired rows.
/// </summary>
public static class ReadTableRepair
{
    /// <summary>Streams re-projected per transaction.</summary>
    public const int BatchSize = 200;

    /// <returns>One entry per (table, stream) repaired.</returns>
    public static async Task<IReadOnlyList<ReprojectedRow>> RepairAsync(IDocumentStore store, IReadOnlyList<TableReport> drift, string? tenantId,
        CancellationToken cancellation)
    {
        var live = ReadTableCatalog.For(store.Options.DatabaseSchemaName).ToDictionary(p => p.TableShortName);
        var targets = drift.SelectMany(t => t.DriftedRows.Select(id => (Table: t.Table, StreamId: id))).Distinct().ToArray();
        var repaired = new List<ReprojectedRow>();
        foreach (var batch in targets.Chunk(BatchSize))
        {
            await using var session = tenantId is null ? store.LightweightSession() : store.LightweightSession(tenantId);
            await session.BeginTransactionAsync(cancellation);
            var streamIds = batch.Select(t => t.StreamId).Distinct().ToArray();
            await session.AdvancedSql.QueryAsync<Guid>(
                $"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(?) order by id for update", cancellation, streamIds);

            var byTable = batch.GroupBy(t => t.Table).ToDictionary(g => g.Key, g => g.Select(t => t.StreamId).ToHashSet());
            foreach (var (table, ids) in byTable)
            {
                session.QueueSqlCommand($"delete from {live[table].TableName} where id = any(?)", ids.ToArray());
            }

            var events = await StreamReplay.StreamEventsAsync(session, streamIds, cancellation);
            foreach (var e in events)
            {
                foreach (var (table, ids) in byTable)
                {
                    if (ids.Contains(e.StreamId) && live[table].Handles(e.EventType))
                    {
                        await live[table].ApplyAsync(session, e, cancellation);
                    }
                }
            }

            await session.SaveChangesAsync(cancellation);
            var withEvents = events.Select(e => e.StreamId).ToHashSet();
            repaired.AddRange(batch.Select(t => new ReprojectedRow(t.Table, t.StreamId, withEvents.Contains(t.StreamId) ? "re-projected" : "deleted")));
        }

        return repaired;
    }
}

/// <summary>A row re-projected from its stream, or <c>deleted</c> because no stream produces it.</summary>
public sealed record ReprojectedRow(string Table, Guid StreamId, string Action);
