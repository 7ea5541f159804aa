using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Marten.Storage;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Replays every event, in sequence order and one page at a time, through a set of read-table projections. Unlike a
/// daemon rebuild (which by default may skip events it cannot deserialize or apply), every event that cannot be read or
/// applied is reported as an <see cref="UnappliedEvent"/>, and the replay carries on with the next one.
/// </summary>
/// <remarks>
/// Replays one tenant's events (<paramref name="tenantId"/>), or with null every tenant's in the connection's database at once
/// (conjoined tenancy: one pass, not one per tenant). The projections write each event's own tenant into its rows, so the
/// scratch tables keep the tenants apart; what was replayed and what failed is tallied per tenant.
/// </remarks>
internal sealed class StreamReplay(IDocumentStore store, IMartenDatabase database, NpgsqlConnection connection, string? tenantId, int pageSize,
    int maxDetails)
{
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>The tenants that had events in the replay.</summary>
    public IEnumerable<string> Tenants => _tallies.Keys;

    public IReadOnlyList<UnappliedEvent> Unapplied(string tenant) => TallyOf(tenant).Unapplied;

    public long UnappliedCount(string tenant) => TallyOf(tenant).UnappliedCount;

    public long EventsReplayed(string tenant) => TallyOf(tenant).Replayed;

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
            foreach (var e in page.Where(p => p.Event is not null))
            {
                TallyOf(e.Event!.TenantId).Replayed++;
            }
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
        await using var query = QuerySession();
        try
        {
            var events = await Events(query).Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(pageSize).ToListAsync(cancellation);
            return events.Select(e => new PageEntry(e.Sequence, e)).ToArray();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not NpgsqlException)
        {
            // Some event in this page cannot be deserialized: read the page one event at a time to name it.
            return await ReadOneByOneAsync(query, await HeadersAsync(after, cancellation), cancellation);
        }
    }

    private string EventsTable => $"{store.Options.Events.DatabaseSchemaName}.mt_events";

    // A tenant's session sees only its events under conjoined tenancy; a replay of every tenant uses sessions on the database
    // itself and asks for every tenant's events. (The projections' SQL names each event's tenant, whatever the session's.)
    private IQuerySession QuerySession() => tenantId is null ? store.QuerySession(AnyTenant()) : store.QuerySession(tenantId);

    private IDocumentSession WriteSession() => tenantId is null ? store.LightweightSession(AnyTenant()) : store.LightweightSession(tenantId);

    private SessionOptions AnyTenant()
    {
        var options = SessionOptions.ForDatabase(database);
        options.AllowAnyTenant = true;
        return options;
    }

    private IQueryable<IEvent> Events(IQuerySession query) =>
        tenantId is null ? query.Events.QueryAllRawEvents().Where(e => e.AnyTenant()) : query.Events.QueryAllRawEvents();

    private async Task<IReadOnlyList<EventHeader>> HeadersAsync(long after, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select seq_id, stream_id, version, type, tenant_id from {EventsTable} where seq_id > $1 and is_archived = false " +
            (tenantId is null ? string.Empty : "and tenant_id = $3 ") + "order by seq_id limit $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        if (tenantId is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        }

        var headers = new List<EventHeader>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            headers.Add(new EventHeader(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4)));
        }

        return headers;
    }

    private async Task<IReadOnlyList<PageEntry>> ReadOneByOneAsync(IQuerySession query, IReadOnlyList<EventHeader> headers,
        CancellationToken cancellation)
    {
        var entries = new List<PageEntry>();
        foreach (var header in headers)
        {
            try
            {
                var e = await Events(query).Where(x => x.Sequence == header.Sequence).SingleAsync(cancellation);
                entries.Add(new PageEntry(header.Sequence, e));
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not NpgsqlException)
            {
                Record(header.TenantId, new UnappliedEvent(header.Sequence, header.StreamId, header.Version, header.Type, null, ex.Message));
                entries.Add(new PageEntry(header.Sequence, null));
            }
        }

        return entries;
    }

    private async Task ApplyPageAsync(IReadOnlyList<ReadTableProjection> projections, IReadOnlyList<PageEntry> page, CancellationToken cancellation)
    {
        var events = page.Where(p => p.Event is not null).Select(p => p.Event!).ToArray();
        try
        {
            await using var session = WriteSession();
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
            await using var session = WriteSession();
            await projection.ApplyAsync(session, e, cancellation);
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Record(e.TenantId, new UnappliedEvent(e.Sequence, e.StreamId, e.Version, e.EventTypeName, projection.TableShortName, ex.Innermost().Message));
        }
    }

    private void Record(string tenant, UnappliedEvent unapplied)
    {
        var tally = TallyOf(tenant);
        tally.UnappliedCount++;
        if (tally.Unapplied.Count < maxDetails)
        {
            tally.Unapplied.Add(unapplied);
        }
    }

    private Tally TallyOf(string tenant) => _tallies.TryGetValue(tenant, out var tally) ? tally : _tallies[tenant] = new Tally();

    private sealed class Tally
    {
        public long Replayed { get; set; }

        public long UnappliedCount { get; set; }

        public List<UnappliedEvent> Unapplied { get; } = [];
    }

    private sealed record EventHeader(long Sequence, Guid StreamId, long Version, string Type, string TenantId);

    private sealed record PageEntry(long Sequence, IEvent? Event);
}
