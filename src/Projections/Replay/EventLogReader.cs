using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;

namespace EventSourced.Projections.Replay;

/// <summary>A run of whole streams' events, in key order: <see cref="Streams"/> index into <see cref="Events"/>.</summary>
internal sealed record EventBatch(RawEvent[] Events, StreamSlice[] Streams);

/// <summary>Stream <see cref="Key"/>'s events are <c>Events[Start..(Start + Count)]</c> of its batch.</summary>
internal readonly record struct StreamSlice(StreamKey Key, int Start, int Count);

/// <summary>
/// Reads the event log in one query, in stream key order <c>(tenant_id collate "C", stream_id, version)</c> — PostgreSQL
/// sorts a sequential scan about as fast as it copies the log out, where per-chunk index lookups jumped around the heap —
/// through Npgsql's binary protocol, and cuts it into batches of whole streams. Only the batches in flight are in memory.
/// </summary>
internal sealed class EventLogReader(string schema, Func<string, bool> needsData, int eventsPerBatch = EventLogReader.EventsPerBatch)
{
    /// <summary>Events per batch, about (a batch ends at a stream boundary, so one long stream makes one long batch).</summary>
    public const int EventsPerBatch = 4000;

    public async IAsyncEnumerable<EventBatch> ReadAsync(NpgsqlConnection connection, string? tenantId, ReplayScope scope,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var command = Query(connection, tenantId, scope);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellation);
        var events = new List<RawEvent>(eventsPerBatch + 64);
        var streams = new List<StreamSlice>();
        var tenants = new Dictionary<string, string>(StringComparer.Ordinal); // one string per tenant, not one per event
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = 0;
        while (await reader.ReadAsync(cancellation))
        {
            var tenant = Intern(tenants, reader.GetString(0));
            var streamId = reader.GetGuid(1);
            if (events.Count > start && (!ReferenceEquals(events[start].TenantId, tenant) || events[start].StreamId != streamId))
            {
                streams.Add(Slice(events, start));
                start = events.Count;
                if (events.Count >= eventsPerBatch)
                {
                    yield return new EventBatch([.. events], [.. streams]);
                    events.Clear();
                    streams.Clear();
                    start = 0;
                }
            }

            var version = reader.GetInt64(2);
            var sequence = reader.GetInt64(3);
            var type = Intern(types, reader.GetString(4));
            var timestamp = reader.GetFieldValue<DateTimeOffset>(5);
            var id = reader.GetGuid(6);
            var data = needsData(type) ? reader.GetFieldValue<byte[]>(7) : null;
            events.Add(new RawEvent(tenant, streamId, version, sequence, type, timestamp, id, data));
        }

        if (events.Count > start)
        {
            streams.Add(Slice(events, start));
        }

        if (events.Count > 0)
        {
            yield return new EventBatch([.. events], [.. streams]);
        }
    }

    // The stream's key carries the version of its last event read: what the replay folded it to.
    private static StreamSlice Slice(List<RawEvent> events, int start) =>
        new(new StreamKey(events[start].TenantId, events[start].StreamId, events[^1].Version), start, events.Count - start);

    private static string Intern(Dictionary<string, string> known, string value) =>
        known.TryGetValue(value, out var interned) ? interned : known[value] = value;

    private NpgsqlCommand Query(NpgsqlConnection connection, string? tenantId, ReplayScope scope)
    {
        var command = new NpgsqlCommand { Connection = connection, CommandTimeout = 0 }; // a long read, bounded by its cancellation
        var where = new List<string> { "e.is_archived = false" };
        string Parameter(object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            return $"${command.Parameters.Count}";
        }

        if (tenantId is not null)
        {
            where.Add($"e.tenant_id = {Parameter(tenantId)}");
        }

        if (scope.Streams is { } streams)
        {
            // The id list alone lets PostgreSQL go through the (stream_id, version) index; the pairs then keep tenants apart.
            var streamIds = Parameter(streams.Select(s => s.Id).ToArray());
            where.Add($"e.stream_id = any({streamIds}) and (e.tenant_id, e.stream_id) in (select * from unnest(" +
                      $"{Parameter(streams.Select(s => s.TenantId).ToArray())}::text[], {streamIds}::uuid[]))");
        }

        if (scope.Ids is { } ids)
        {
            where.Add($"e.stream_id = any({Parameter(ids.ToArray())})");
        }

        if (scope.AfterSequence is { } after)
        {
            where.Add($"(e.tenant_id, e.stream_id) in (select tenant_id, stream_id from {schema}.mt_events where seq_id > {Parameter(after)})");
        }

        command.CommandText = $"select e.tenant_id, e.stream_id, e.version, e.seq_id, e.type, e.timestamp, e.id, e.data from {schema}.mt_events e " +
                              $"where {string.Join(" and ", where)} order by e.tenant_id collate \"C\", e.stream_id, e.version";
        return command;
    }
}
