using Npgsql;

namespace EventSourced.Projections.Replay;

/// <summary>
/// Which streams a rebuild must fold again: those whose <c>mt_streams</c> row was written (appended to, archived) by a
/// transaction at or after a mark, the oldest transaction a replay's snapshot may not have seen. Every transaction that
/// commits after a snapshot has an id at least that snapshot's <c>xmin</c>, so nothing written after the mark is missed; a
/// stream written just before it is merely folded once more. Needs no record of what was folded, so the bulk load writes
/// rows and nothing else.
/// </summary>
internal static class WrittenStreams
{
    /// <summary>The oldest transaction the next statement's snapshot on this connection may not see.</summary>
    public static async Task<long> MarkAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint", connection);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>
    /// The streams written by transaction <paramref name="mark"/> or a later one, archived ones included (their rows go),
    /// in key order. <c>age(xmin)</c> counts back from the current transaction id, so the comparison holds across
    /// transaction id wraparound.
    /// </summary>
    public static async Task<List<StreamKey>> SinceAsync(NpgsqlConnection connection, string schema, long mark, string? tenantOnly,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select s.tenant_id, s.id, s.version from {schema}.mt_streams s " +
            "where age(s.xmin) <= pg_current_xact_id()::text::bigint - $1" +
            (tenantOnly is null ? string.Empty : " and s.tenant_id = $2") +
            " order by s.tenant_id collate \"C\", s.id", connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = mark });
        if (tenantOnly is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenantOnly });
        }

        var streams = new List<StreamKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            streams.Add(new StreamKey(reader.GetString(0), reader.GetGuid(1), reader.GetInt64(2)));
        }

        return streams;
    }
}
