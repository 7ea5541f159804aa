using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Marten.Storage;
using System.Threading.Channels;
using Npgsql;

namespace EventSourced.Projections.Replay;

/// <summary>
/// The one replay engine behind rebuilds, the integrity check and targeted repairs: one ordered read of the event log
/// (<see cref="EventLogReader"/>, a single query sorted by stream key), decoded and folded on every core through the
/// projections' pure <see cref="ReadTableProjection.Change"/>, and the rows handed to a sink stream by stream, in key order.
/// Memory holds the batches in flight, whatever the size of the log.
/// </summary>
/// <remarks>
/// Streams come in <c>(tenant_id collate "C", id)</c> order, the order a read table's rows are compared in. Events go through
/// the store's serializer and registered type names (<see cref="EventDecoder"/>); a stream with an event whose type name is not
/// registered plainly (an upcast alias, an unknown type) or whose JSON does not deserialize is read again through Marten's own
/// event reading, event by event if need be, so upcasters apply and an unreadable event is recorded as an
/// <see cref="UnappliedEvent"/> while the fold of its stream carries on without it.
/// </remarks>
/// <param name="eventsPerBatch">Events per batch, about: with the batches in flight, what bounds the replay's memory.</param>
internal sealed class ReplayEngine(IDocumentStore store, IMartenDatabase database, string? tenantId, IReadOnlyList<ReadTableProjection> projections,
    int maxDetails = 100, int eventsPerBatch = EventLogReader.EventsPerBatch)
{
    /// <summary>Batches decoded and folded at once; the reader stays this far ahead of the sink at most.</summary>
    private static readonly int Workers = Math.Max(2, Environment.ProcessorCount);

    private readonly List<UnappliedEvent> _unapplied = [];
    private readonly Dictionary<string, (long Count, List<UnappliedEvent> Listed)> _unappliedByTenant = new(StringComparer.Ordinal);

    // A stream can be folded twice in one run (the rebuild's catch-up folds again every stream written at or after its mark,
    // which may include one the bulk replay already folded): its unapplied events are counted once.
    private readonly HashSet<(string Tenant, long Sequence, string? Table)> _unappliedSeen = [];
    private readonly EventDecoder _decoder = new(store, projections);

    // The sequences an operator quarantined (event_quarantined.v1): left out of the fold, never reported as unapplied.
    private HashSet<long> _quarantined = [];
    private readonly HashSet<long> _quarantinedSkipped = [];
    private long _events;
    private long _foldTicks;
    private long _decodeTicks;
    private readonly Dictionary<string, long> _eventsByTenant = new(StringComparer.Ordinal);

    public long EventsReplayed => Interlocked.Read(ref _events);

    public long StreamsReplayed { get; private set; }

    /// <summary>Events replayed of one tenant (those that could not be read are not counted).</summary>
    public long EventsOf(string tenant) => _eventsByTenant.GetValueOrDefault(tenant);

    /// <summary>The tenants whose streams were replayed.</summary>
    public IEnumerable<string> TenantsReplayed => _eventsByTenant.Keys;

    public long UnappliedCount { get; private set; }

    /// <summary>Time spent reading rows off the connection (overlapping the decode, fold and write of earlier batches).</summary>
    public TimeSpan ReadTime { get; private set; }

    /// <summary>Time spent decoding and folding, summed over the workers (so it can exceed the elapsed time).</summary>
    public TimeSpan FoldTime => TimeSpan.FromTicks(Interlocked.Read(ref _foldTicks));

    /// <summary>Time spent deserializing events, summed over the workers.</summary>
    public TimeSpan DecodeTime => TimeSpan.FromTicks(Interlocked.Read(ref _decodeTicks));

    public IReadOnlyList<UnappliedEvent> Unapplied => [.. _unapplied.OrderBy(e => e.Sequence)];

    /// <summary>Quarantined events this replay met and left out.</summary>
    public long QuarantinedSkipped
    {
        get
        {
            lock (_quarantinedSkipped)
            {
                return _quarantinedSkipped.Count;
            }
        }
    }

    /// <summary>The tenants with events that could not be read or applied.</summary>
    public IEnumerable<string> TenantsWithUnapplied => _unappliedByTenant.Keys;

    public IReadOnlyList<UnappliedEvent> UnappliedOf(string tenant) =>
        _unappliedByTenant.TryGetValue(tenant, out var u) ? [.. u.Listed.OrderBy(e => e.Sequence)] : [];

    public long UnappliedCountOf(string tenant) => _unappliedByTenant.TryGetValue(tenant, out var u) ? u.Count : 0;

    private string Schema => store.Options.Events.DatabaseSchemaName;

    /// <summary>About how many events a full replay reads (the planner's estimate, for progress only).</summary>
    public async Task<long> EstimateEventsAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select reltuples::bigint from pg_class where oid = '{Schema}.mt_events'::regclass", connection);
        var estimate = (long)(await command.ExecuteScalarAsync(cancellation))!;
        if (estimate > 0)
        {
            return estimate;
        }

        await using var max = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {Schema}.mt_events", connection);
        return (long)(await max.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>
    /// Folds the streams of <paramref name="scope"/> and hands each one's rows to <paramref name="sink"/>, in key order. The log is
    /// read on <paramref name="readerConnection"/> when given (a caller that needs the read in its own snapshot opens it), else on
    /// a connection of its own; the sink runs on the calling flow, one stream at a time.
    /// </summary>
    public async Task RunAsync(ReplayScope scope, IReplaySink sink, IProgress<long>? eventsDone, CancellationToken cancellation,
        NpgsqlConnection? readerConnection = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _quarantined = await QuarantinedAsync(readerConnection, cancellation);
        var folded = Channel.CreateBounded<Task<FoldedStream[]>>(new BoundedChannelOptions(Workers * 2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ProduceAsync(scope, folded.Writer, readerConnection, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in folded.Reader.ReadAllAsync(stop.Token))
            {
                foreach (var stream in await batch)
                {
                    var (rows, events) = (stream.Rows, stream.Events);
                    if (rows is null)
                    {
                        var read = await ReadWithMartenAsync(stream.Key, cancellation);
                        (rows, events) = (FoldEvents(read), read.Count);
                    }

                    _eventsByTenant[stream.Key.TenantId] = _eventsByTenant.GetValueOrDefault(stream.Key.TenantId) + events;
                    await sink.StreamFoldedAsync(stream.Key, rows, cancellation);
                    StreamsReplayed++;
                }

                eventsDone?.Report(EventsReplayed);
            }

            await producer;
        }
        catch
        {
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // The failure that stopped the replay is the one to report.
            }

            throw;
        }
    }

    private async Task ProduceAsync(ReplayScope scope, ChannelWriter<Task<FoldedStream[]>> folded, NpgsqlConnection? readerConnection,
        CancellationToken cancellation)
    {
        Exception? failure = null;
        var connection = readerConnection ?? await OpenAsync(cancellation);
        try
        {
            var reader = new EventLogReader(Schema, _decoder.NeedsData, eventsPerBatch);
            var read = System.Diagnostics.Stopwatch.StartNew();
            await foreach (var batch in reader.ReadAsync(connection, tenantId, scope, cancellation))
            {
                read.Stop();
                await folded.WriteAsync(Task.Run(() => FoldBatch(batch), cancellation), cancellation);
                read.Start();
            }

            ReadTime += read.Elapsed;
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            folded.TryComplete(failure);
            if (readerConnection is null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Decodes and folds one batch; a stream that needs Marten's own reading comes back without rows.</summary>
    private FoldedStream[] FoldBatch(EventBatch batch)
    {
        long decoding = 0, folding = 0;
        var result = new FoldedStream[batch.Streams.Length];
        var events = new List<IEvent>();
        for (var s = 0; s < batch.Streams.Length; s++)
        {
            var slice = batch.Streams[s];
            events.Clear();
            var decoded = true;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = slice.Start; i < slice.Start + slice.Count && decoded; i++)
            {
                var raw = batch.Events[i];
                if (_decoder.Skips(raw.TypeName) || IsQuarantined(raw.Sequence))
                {
                    continue;
                }

                try
                {
                    if (_decoder.Decode(raw) is { } e)
                    {
                        events.Add(e);
                    }
                    else
                    {
                        decoded = false;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    decoded = false;
                }
            }

            var folded = System.Diagnostics.Stopwatch.GetTimestamp();
            decoding += folded - started;
            if (decoded)
            {
                Interlocked.Add(ref _events, slice.Count);
                result[s] = new FoldedStream(slice.Key, FoldEvents(events), slice.Count);
                folding += System.Diagnostics.Stopwatch.GetTimestamp() - folded;
            }
            else
            {
                result[s] = new FoldedStream(slice.Key, null, 0);
            }
        }

        Interlocked.Add(ref _decodeTicks, System.Diagnostics.Stopwatch.GetElapsedTime(0, decoding).Ticks);
        Interlocked.Add(ref _foldTicks, System.Diagnostics.Stopwatch.GetElapsedTime(0, folding).Ticks);
        return result;
    }

    private sealed record FoldedStream(StreamKey Key, object?[]?[]? Rows, long Events);

    /// <summary>The rows one stream's events fold to, one per projection (null where the stream has no row).</summary>
    public object?[]?[] FoldEvents(IReadOnlyList<IEvent> events)
    {
        var rows = new object?[]?[projections.Count];
        foreach (var e in events)
        {
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
                        var next = projection.Shape.Apply(rows[p], change);
                        if (change.Id != e.StreamId || change.TenantId != e.TenantId)
                        {
                            // The fold holds one row per stream: a row keyed otherwise breaks the read tables' contract.
                            throw new InvalidOperationException(
                                $"the event writes row ({change.TenantId}, {change.Id}) of {projection.TableShortName}, not its own stream's row");
                        }

                        rows[p] = next;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Record(e.TenantId, new UnappliedEvent(e.Sequence, e.StreamId, e.Version, e.EventTypeName, projection.TableShortName, ex.Innermost().Message));
                }
            }
        }

        return rows;
    }

    /// <summary>A stream read through Marten's own event reading (upcasters apply), event by event when a whole read fails, so
    /// each unreadable event is named.</summary>
    private async Task<List<IEvent>> ReadWithMartenAsync(StreamKey stream, CancellationToken cancellation)
    {
        var events = (await ReadCarefullyAsync(stream, cancellation)).Where(e => !IsQuarantined(e.Sequence)).ToList();
        Interlocked.Add(ref _events, events.Count);
        return events;
    }

    private async Task<List<IEvent>> ReadCarefullyAsync(StreamKey stream, CancellationToken cancellation)
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
                if (IsQuarantined(sequence))
                {
                    continue;
                }

                try
                {
                    events.Add(await Events(query).Where(e => e.Sequence == sequence).SingleAsync(cancellation));
                }
                catch (Exception readFailure) when (readFailure is not OperationCanceledException and not NpgsqlException)
                {
                    Record(stream.TenantId, new UnappliedEvent(sequence, stream.Id, version, type, null, readFailure.Message));
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

    private bool IsQuarantined(long sequence)
    {
        if (_quarantined.Count == 0 || !_quarantined.Contains(sequence))
        {
            return false;
        }

        lock (_quarantinedSkipped)
        {
            _quarantinedSkipped.Add(sequence);
        }

        return true;
    }

    private async Task<HashSet<long>> QuarantinedAsync(NpgsqlConnection? readerConnection, CancellationToken cancellation)
    {
        var connection = readerConnection ?? await OpenAsync(cancellation);
        try
        {
            await using var command = new NpgsqlCommand(
                $"select (data ->> 'Sequence')::bigint from {Schema}.mt_events where type = '{Registration.StoredEventNames.EventQuarantinedName}'",
                connection);
            var sequences = new HashSet<long>();
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                sequences.Add(reader.GetInt64(0));
            }

            return sequences;
        }
        finally
        {
            if (readerConnection is null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    // Called from the fold workers, which run at the same time.
    private void Record(string tenant, UnappliedEvent unapplied)
    {
        lock (_unapplied)
        {
            if (!_unappliedSeen.Add((tenant, unapplied.Sequence, unapplied.Table)))
            {
                return;
            }

            UnappliedCount++;
            if (_unapplied.Count < maxDetails)
            {
                _unapplied.Add(unapplied);
            }

            var (count, listed) = _unappliedByTenant.TryGetValue(tenant, out var known) ? known : (0, []);
            if (listed.Count < maxDetails)
            {
                listed.Add(unapplied);
            }

            _unappliedByTenant[tenant] = (count + 1, listed);
        }
    }
}
