using EventSourced.Bench.Reporting;
using EventSourced.Bench.Seeding;
using Npgsql;

namespace EventSourced.Bench;

/// <summary>What every scenario works on: the options, the database, the running host (and its store), the seeded data, and
/// the results of the run. <see cref="HostConnection"/> is the connection string the host's store uses (statement preparation
/// included); the baselines connect with it too, so they get the same treatment.</summary>
public sealed record BenchContext(BenchOptions Options, BenchDatabase Database, BenchHost Host, Seeder Seeder, Results Results, string HostConnection)
{
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Events in the store right now (seeded, plus whatever the command and HTTP scenarios appended).</summary>
    public Task<long> EventCountAsync() => ScalarAsync("select count(*) from public.mt_events");
}
