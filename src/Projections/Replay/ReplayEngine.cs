using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Marten.Storage;
using Npgsql;

namespace EventSourced.Projections.Replay;

/// <summary>
/// The one replay engine behind rebuilds (and, in time, the integrity check and targeted repair): one pass over the event
/// log in stream order, read in large chunks of whole streams through Marten's own event reading (its serializer, type
/// mappings and upcasters), each stream folded in memory through the projections' pure <see cref="ReadTableProjection.Change"/>,
/// and the resulting rows handed to a sink stream by stream. Memory holds one chunk, whatever the size of the log.
/// </summary>
/// <remarks>
/// Streams are taken in <c>(tenant_id, id)</c> order (tenant compared as bytes), so the rows come out in the order of the
/// tables' primary keys. An event that cannot be read or applied is recorded as an <see cref="UnappliedEvent"/> and the fold
/// of its stream carries on without it, as the integrity check has always reported them.
/// </remarks>
internal sealed class ReplayEngine(IDocumentStore store, IMartenDatabase database, string? tenantId, IReadOnlyList<ReadTableProjection> projections,
    int maxDetails = 100)
{
    /// <summary>Streams read per query: large enough that round trips do not matter, small enough to hold in memory.</summary>
    public const int StreamsPerChunk = 2000;

    /// <summary>Events per query at most (a chunk closes early on long streams), so memory does not grow with the events.</summary>
    public const long EventsPerChunk = 10_000;

    private readonly List<UnappliedEvent> _unapplied = [];

    public long EventsReplayed { get; private set; }

    public long StreamsReplayed { get; private set; }

    public long UnappliedCount { get; private set; }

    /// <summary>Time spent reading and deserializing events, and folding them (the sink's own time is the sink's).</summary>
    public TimeSpan ReadTime { get; private set; }

    public TimeSpan FoldTime { get; private set; }

    public IReadOnlyList<UnappliedEvent> Unapplied => _unapplied;

    private string Schema => store.Options.Events.DatabaseSchemaName;

    /// <summary>Every stream of the database (of <c>tenantId</c> when set), or only <paramref name="only"/>, with its version.</summary>
    public async Task<IReadOnlyList<StreamKey>> StreamsAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid>? only, CancellationToken cancellation)
    {
        var sql = $"select tenant_id, id, version from {Schema}.mt_streams where is_archived = false" +
                  (tenantId is null ? string.Empty : " and tenant_id = $1") +
                  (only is null ? string.Empty : $" and id = any(${(tenantId is null ? 1 : 2)})") +
                  " order by tenant_id collate \"C\", id";
        await using var command = new NpgsqlCommand(sql, connection);
        if (tenantId is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        }

        if (only is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = only.ToArray() });
        }

        var streams = new List<StreamKey>();
        var tenants = new Dictionary<string, string>(StringComparer.Ordinal); // one string per tenant, not one per stream
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var tenant = reader.GetString(0);
            streams.Add(new StreamKey(tenants.TryGetValue(tenant, out var known) ? known : tenants[tenant] = tenant, reader.GetGuid(1), reader.GetInt64(2)));
        }

        return streams;
    }

    /// <summary>
    /// Folds <paramref name="streams"/> (in the order given) and hands each one's rows to <paramref name="sink"/>. The next chunk
    /// is read (on its own connection) while this one is folded and written, so reading and writing overlap.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<StreamKey> streams, IReplaySink sink, IProgress<long>? streamsDone, CancellationToken cancellation)
    {
        var chunks = Chunks(streams).ToArray();
        var next = chunks.Length > 0 ? ReadTimedAsync(chunks[0], cancellation) : null;
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = chunks[i];
            var events = await next!;
            next = i + 1 < chunks.Length ? ReadTimedAsync(chunks[i + 1], cancellation) : null;
            foreach (var stream in chunk)
            {
                var fold = System.Diagnostics.Stopwatch.StartNew();
                var rows = Fold(events.TryGetValue((stream.TenantId, stream.Id), out var list) ? list : []);
                FoldTime += fold.Elapsed;
                await sink.StreamFoldedAsync(stream, rows, cancellation);
            }

            StreamsReplayed += chunk.Length;
            streamsDone?.Report(StreamsReplayed);
        }
    }

    /// <summary>Consecutive streams, at most <see cref="StreamsPerChunk"/> and about <see cref="EventsPerChunk"/> events (a stream's
    /// version is its number of events) per chunk; a stream longer than that is a chunk of its own.</summary>
    private static IEnumerable<StreamKey[]> Chunks(IReadOnlyList<StreamKey> streams)
    {
        var chunk = new List<StreamKey>();
        long events = 0;
        foreach (var stream in streams)
        {
            if (chunk.Count > 0 && (chunk.Count == StreamsPerChunk || events + stream.Version > EventsPerChunk))
            {
                yield return [.. chunk];
                chunk.Clear();
                events = 0;
            }

            chunk.Add(stream);
            events += stream.Version;
        }

        if (chunk.Count > 0)
        {
            yield return [.. chunk];
        }
    }

    private async Task<Dictionary<(string, Guid), List<IEvent>>> ReadTimedAsync(IReadOnlyList<StreamKey> chunk, CancellationToken cancellation)
    {
        var read = System.Diagnostics.Stopwatch.StartNew();
        var events = await ReadChunkAsync(chunk, cancellation);
        ReadTime += read.Elapsed; // overlaps the previous chunk's fold and write
        return events;
    }

    /// <summary>The rows one stream's events fold to, one per projection (null where the stream has no row).</summary>
    public object?[]?[] Fold(IReadOnlyList<IEvent> events)
    {
        var rows = new object?[]?[projections.Count];
        foreach (var e in events)
        {
            EventsReplayed++;
            for (var p = 0; p < projections.Count; p++)
            {
                var projection = projections[p];
                if (!projection.Handles(e.EventType))
                {
                    continue;
                }

                try
                {
                    if (projection.Change(e) is { } change)
                    {
                        rows[p] = projection.Shape.Apply(rows[p], change);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Record(new UnappliedEvent(e.Sequence, e.StreamId, e.Version, e.EventTypeName, projection.TableShortName, ex.Innermost().Message));
                }
            }
        }

        return rows;
    }

    /// <summary>The events of a chunk of streams, by stream, in version order; events that cannot be read are recorded and left out.</summary>
    private async Task<Dictionary<(string, Guid), List<IEvent>>> ReadChunkAsync(IReadOnlyList<StreamKey> chunk, CancellationToken cancellation)
    {
        var ids = chunk.Select(s => s.Id).Distinct().ToArray();
        try
        {
            return Group(await ReadEventsAsync(ids, cancellation));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not NpgsqlException)
        {
            // Some event cannot be deserialized: read stream by stream, and a failing stream event by event, to name it.
            var byStream = new Dictionary<(string, Guid), List<IEvent>>();
            foreach (var stream in chunk)
            {
                byStream[(stream.TenantId, stream.Id)] = await ReadStreamCarefullyAsync(stream, cancellation);
            }

            return byStream;
        }
    }

    private async Task<IReadOnlyList<IEvent>> ReadEventsAsync(Guid[] streamIds, CancellationToken cancellation)
    {
        await using var query = QuerySession();
        return await Events(query).Where(e => streamIds.Contains(e.StreamId)).OrderBy(e => e.StreamId).ThenBy(e => e.Version)
            .ToListAsync(cancellation);
    }

    private async Task<List<IEvent>> ReadStreamCarefullyAsync(StreamKey stream, CancellationToken cancellation)
    {
        await using var query = QuerySession();
        try
        {
            return [.. await Events(query).Where(e => e.StreamId == stream.Id && e.TenantIsOneOf(stream.TenantId)).OrderBy(e => e.Version)
                .ToListAsync(cancellation)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not NpgsqlException)
        {
            var events = new List<IEvent>();
            foreach (var (sequence, version, type) in await HeadersAsync(stream, cancellation))
            {
                try
                {
                    events.Add(await Events(query).Where(e => e.Sequence == sequence).SingleAsync(cancellation));
                }
                catch (Exception readFailure) when (readFailure is not OperationCanceledException and not NpgsqlException)
                {
                    Record(new UnappliedEvent(sequence, stream.Id, version, type, null, readFailure.Message));
                }
            }

            return events;
        }
    }

    private async Task<IReadOnlyList<(long Sequence, long Version, string Type)>> HeadersAsync(StreamKey stream, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"select seq_id, version, type from {Schema}.mt_events where stream_id = $1 and tenant_id = $2 and is_archived = false order by version",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = stream.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = stream.TenantId });
        var headers = new List<(long, long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            headers.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return headers;
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellation)
    {
        var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        return connection;
    }

    private static Dictionary<(string, Guid), List<IEvent>> Group(IReadOnlyList<IEvent> events)
    {
        var byStream = new Dictionary<(string, Guid), List<IEvent>>();
        foreach (var e in events)
        {
            var key = (e.TenantId, e.StreamId);
            if (!byStream.TryGetValue(key, out var list))
            {
                byStream[key] = list = [];
            }

            list.Add(e);
        }

        return byStream;
    }

    // One tenant's session sees only its events under conjoined tenancy; a replay of every tenant reads the database as a whole.
    private IQuerySession QuerySession()
    {
        if (tenantId is not null)
        {
            return store.QuerySession(tenantId);
        }

        var options = SessionOptions.ForDatabase(database);
        options.AllowAnyTenant = true;
        return store.QuerySession(options);
    }

    private IQueryable<IEvent> Events(IQuerySession query) =>
        tenantId is null ? query.Events.QueryAllRawEvents().Where(e => e.AnyTenant()) : query.Events.QueryAllRawEvents();

    // Called from the fold and from the read of the next chunk, which run at the same time.
    private void Record(UnappliedEvent unapplied)
    {
        lock (_unapplied)
        {
            UnappliedCount++;
            if (_unapplied.Count < maxDetails)
            {
                _unapplied.Add(unapplied);
            }
        }
    }
}
