using Npgsql;

namespace EventSourced.Testing;

/// <summary>Plain SQL against a test database, as an operator would run it with psql.</summary>
public static class Sql
{
    public static async Task<List<Dictionary<string, object?>>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount)
                .ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql) =>
        Convert.ToInt64((await QueryAsync(connectionString, sql)).Single().Values.Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Domain events in the store. Marten writes "tombstone" events into a stream of its own when a transaction with
    /// events fails (so the async daemon never waits on a sequence gap); they carry no domain meaning and are excluded.
    /// </summary>
    public static Task<long> EventCountAsync(string connectionString) =>
        ScalarAsync(connectionString, $"select count(*) from mt_events where type <> '{TombstoneEventType}'");

    /// <summary>Domain streams (not Marten's tombstone stream) that have no row in <paramref name="table"/>.</summary>
    public static Task<long> StreamsWithoutRowAsync(string connectionString, string table) =>
        ScalarAsync(connectionString,
            $"select count(*) from mt_streams s where exists (select 1 from mt_events e where e.stream_id = s.id and e.type <> '{TombstoneEventType}') " +
            $"and not exists (select 1 from {table} t where t.id = s.id)");

    public const string TombstoneEventType = "tombstone";

    /// <summary>Every row of <paramref name="table"/> as text, in id order: compare two snapshots to prove nothing changed.</summary>
    public static async Task<string> TableSnapshotAsync(string connectionString, string table) =>
        string.Join('\n', (await QueryAsync(connectionString, $"select t::text as row from {table} t order by id")).Select(r => r["row"]));

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
