using EventSourced.Host.Postgres;
using EventSourced.Operations.Postgres;
using Npgsql;

namespace EventSourced.Bench;

/// <summary>
/// A fresh database for one run, on the server of <c>--connection</c> / <c>EVENTSOURCED_BENCH_POSTGRES</c>, or else on the
/// embedded cluster the host uses (started if it is not running, and stopped again if this run started it). Dropped at the
/// end unless <c>--keep</c>.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _serverConnection;
    private readonly LocalPostgresCluster? _cluster;
    private readonly bool _keep;

    private BenchDatabase(string serverConnection, string name, LocalPostgresCluster? cluster, bool keep)
    {
        _serverConnection = serverConnection;
        Name = name;
        _cluster = cluster;
        _keep = keep;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Where the server is, for the report (no password).</summary>
    public string ServerDescription { get; private set; } = string.Empty;

    public static async Task<BenchDatabase> CreateAsync(BenchOptions options)
    {
        LocalPostgresCluster? cluster = null;
        var server = options.Connection;
        if (server is null)
        {
            var embedded = new EmbeddedPostgresOptions();
            cluster = await LocalPostgresCluster.StartAsync(embedded.ResolveDataDirectory(), embedded.Port, embedded.BinDirectory);
            server = cluster.ConnectionString();
        }

        var name = $"es_bench_{DateTime.UtcNow:yyyyMMdd_HHmmss}_{Guid.NewGuid().ToString("N")[..6]}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new BenchDatabase(server, name, cluster, options.Keep);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var version = new NpgsqlCommand("select current_setting('server_version')", connection);
            var builder = new NpgsqlConnectionStringBuilder(server);
            database.ServerDescription = $"PostgreSQL {await version.ExecuteScalarAsync()} at {builder.Host}:{builder.Port}" +
                (cluster is null ? string.Empty : " (embedded cluster)");
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_keep)
        {
            await using var connection = new NpgsqlConnection(_serverConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.StopIfStartedHereAsync();
        }
    }
}
