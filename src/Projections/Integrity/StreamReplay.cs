using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Replays every event, in sequence order and one page at a time, through a set of read-table projections. Unlike a
/// daemon rebuild (which by default may skip events it cannot deserialize or apply), every event that cannot be read or
/// applied is reported as an <see cref="UnappliedEvent"/>, and the replay carries on with the next one.
/// </summary>
internal sealed class StreamReplay(IDocumentStore store, NpgsqlConnection connection, string? tenantId, int pageSize, int maxDetails)
{
    private readonly List<UnappliedEvent> _unapplied = [];

    public IReadOnlyList<UnappliedEvent> Unapplied => _unapplied;

    public long UnappliedCount { get; private set; }

    public long EventsReplayed { get; private set; }

    public async Task RunAsync(IReadOnlyList<ReadTableProjection> projections, IProgress<IntegrityProgress>? progress, CancellationToken cancellation)
    {
        var highWater = await HighestSequenceAsync(cancellation);
        long last = 0;
        while (true)
        {
            var page = await ReadPageAsync(last, cancellation);
            if (page.Count == 0)
            {
                break;
            }

            await ApplyPageAsync(projections, page, cancellation);
            last = page[^1].Sequence;
            EventsReplayed += page.Count(e => e.Event is not null);
            progress?.Report(new IntegrityProgress("replay", Math.Min(last, highWater), highWater));
        }
    }

    /// <summary>Re-applies, into the projections, only the events of <paramref name="streamIds"/> (used by targeted repair).</summary>
    public static async Task<IReadOnlyList<IEvent>> StreamEventsAsync(IQuerySession session, IReadOnlyCollection<Guid> streamIds,
        CancellationToken cancellation)
    {
        var ids = streamIds.ToArray();
        return await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamId)).OrderBy(e => e.Sequence).ToListAsync(cancellation);
    }

    private async Task<long> HighestSequenceAsync(CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {EventsTable}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>A page of events; an entry without <see cref="PageEntry.Event"/> could not be read.</summary>
    private async Task<IReadOnlyList<PageEntry>> ReadPageAsync(long after, CancellationToken cancellation)
    {
        await using var query = store.QuerySessionFor(tenantId);
        try
        {
            var events = await query.Events.QueryAllRawEvents().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(pageSize)
                .ToListAsync(cancellation);
            return events.Select(e => new PageEntry(e.Sequence, e)).ToArray();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not NpgsqlException)
        {
            // Some event in this page cannot be deserialized: read the page one event at a time to name it.
            return await ReadOneByOneAsync(query, await HeadersAsync(after, cancellation), cancellation);
        }
    }

    private string EventsTable => $"{store.Options.Events.DatabaseSchemaName}.mt_events";

    private async Task<IReadOnlyList<(long Sequence, Guid StreamId, long Version, string Type)>> HeadersAsync(long after, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select seq_id, stream_id, version, type from {EventsTable} where seq_id > $1 and is_archived = false " +
            (tenantId is null ? string.Empty : "and tenant_id = $3 ") + "order by seq_id limit $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        if (tenantId is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        }

        var headers = new List<(long, Guid, long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            headers.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return headers;
    }

    private async Task<IReadOnlyList<PageEntry>> ReadOneByOneAsync(IQuerySession query,
        IReadOnlyList<(long Sequence, Guid StreamId, long Version, string Type)> headers, CancellationToken cancellation)
    {
        var entries = new List<PageEntry>();
        foreach (var (sequence, streamId, version, type) in headers)
        {
            try
            {
                var e = await query.Events.QueryAllRawEvents().Where(x => x.Sequence == sequence).SingleAsync(cancellation);
                entries.Add(new PageEntry(sequence, e));
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not NpgsqlException)
            {
                Record(new UnappliedEvent(sequence, streamId, version, type, null, ex.Message));
                entries.Add(new PageEntry(sequence, null));
            }
        }

        return entries;
    }

    private async Task ApplyPageAsync(IReadOnlyList<ReadTableProjection> projections, IReadOnlyList<PageEntry> page, CancellationToken cancellation)
    {
        var events = page.Where(p => p.Event is not null).Select(p => p.Event!).ToArray();
        try
        {
            await using var session = store.LightweightSessionFor(tenantId);
            foreach (var e in events)
            {
                foreach (var projection in projections.Where(p => p.Handles(e.EventType)))
                {
                    await projection.ApplyAsync(session, e, cancellation);
                }
            }

            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing of this page was saved: apply it again event by event to find (and skip) the ones that fail.
            foreach (var e in events)
            {
                foreach (var projection in projections.Where(p => p.Handles(e.EventType)))
                {
                    await ApplyOneAsync(projection, e, cancellation);
                }
            }
        }
    }

    private async Task ApplyOneAsync(ReadTableProjection projection, IEvent e, CancellationToken cancellation)
    {
        try
        {
            await using var session = store.LightweightSessionFor(tenantId);
            await projection.ApplyAsync(session, e, cancellation);
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Record(new UnappliedEvent(e.Sequence, e.StreamId, e.Version, e.EventTypeName, projection.TableShortName, ex.Innermost().Message));
        }
    }

    private void Record(UnappliedEvent unapplied)
    {
        UnappliedCount++;
        if (_unapplied.Count < maxDetails)
        {
            _unapplied.Add(unapplied);
        }
    }

    private sealed record PageEntry(long Sequence, IEvent? Event);
}
