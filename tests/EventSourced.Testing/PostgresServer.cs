using DotNet.Testcontainers.Builders;
using EventSourced.Operations.Postgres;
using Npgsql;
using Testcontainers.PostgreSql;
using Xunit;

namespace EventSourced.Testing;

/// <summary>
/// The one PostgreSQL server a test run uses, shared by every test class of the assembly. In order of preference:
/// <list type="number">
/// <item><c>EVENTSOURCED_TEST_POSTGRES</c>, a connection string to a server you run;</item>
/// <item>a Testcontainers PostgreSQL container, when a Docker engine answers;</item>
/// <item>a throwaway cluster started from the local PostgreSQL binaries, removed afterwards.</item>
/// </list>
/// Test classes never share data: each asks for its own database (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionStringVariable = "EVENTSOURCED_TEST_POSTGRES";

    private PostgreSqlContainer? _container;
    private LocalPostgresCluster? _cluster;
    private string? _clusterDirectory;
    private string _adminConnectionString = string.Empty;

    /// <summary>Which of the three sources is in use, for test output and failure messages.</summary>
    public string Source { get; private set; } = "not started";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _adminConnectionString = configured;
            Source = $"{ConnectionStringVariable}";
            return;
        }

        var dockerProblem = await TryStartContainerAsync();
        if (_container is not null)
        {
            return;
        }

        var binaries = PostgresBinaries.Locate();
        if (binaries is null)
        {
            throw new InvalidOperationException(
                "The integration tests need a PostgreSQL server and found none. Provide one of: " +
                $"(1) {ConnectionStringVariable}=<connection string of a server whose user may CREATE DATABASE>; " +
                $"(2) a running Docker engine for Testcontainers ({dockerProblem}); " +
                "(3) the PostgreSQL server binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql/*/bin, e.g. 'apt-get install -y postgresql'.");
        }

        _clusterDirectory = Path.Combine(Path.GetTempPath(), $"eventsourced-tests-{Guid.NewGuid():N}"[..32]);
        _cluster = await LocalPostgresCluster.StartAsync(_clusterDirectory, port: 0, binaries);
        _adminConnectionString = _cluster.ConnectionString();
        Source = $"local cluster on port {_cluster.Port} ({_clusterDirectory})";
    }

    /// <summary>Creates an empty database for one test class and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string owner)
    {
        var name = DatabaseName(owner);
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_cluster is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _cluster.StopAsync();
            Directory.Delete(_clusterDirectory!, recursive: true);
        }
    }

    // "TemplateTableTests" -> "t_templatetabletests_3f2a9c1b": readable in psql, unique per run.
    private static string DatabaseName(string owner)
    {
        var readable = new string(owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
        return $"t_{readable}_{Guid.NewGuid():N}"[..(readable.Length + 11)];
    }

    private async Task<string> TryStartContainerAsync()
    {
        try
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await container.StartAsync(timeout.Token);
            _container = container;
            _adminConnectionString = container.GetConnectionString();
            Source = "Testcontainers";
            return string.Empty;
        }
        catch (Exception ex) when (ex is DockerUnavailableException or OperationCanceledException or InvalidOperationException or HttpRequestException)
        {
            return $"Docker unavailable: {ex.Message.Split('\n')[0]}";
        }
    }
}
