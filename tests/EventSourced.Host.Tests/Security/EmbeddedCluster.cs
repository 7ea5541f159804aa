using EventSourced.Operations.Postgres;
using Npgsql;

namespace EventSourced.Host.Tests.Security;

/// <summary>
/// A class fixture: a local PostgreSQL cluster in a folder of its own, for host processes that run with their embedded
/// database (no connection string: the only setup in which authentication may be off on loopback). Each host is pointed at
/// the folder with <c>EmbeddedPostgres__DataDirectory</c>, finds the cluster already running and reuses it (and leaves it
/// running), so the class pays for one initdb. Stopped and deleted afterwards.
/// </summary>
public sealed class EmbeddedCluster : IAsyncLifetime
{
    private LocalPostgresCluster? _cluster;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"eventsourced-embedded-{Guid.NewGuid():N}"[..37]);

    public async ValueTask InitializeAsync() => _cluster = await LocalPostgresCluster.StartAsync(DataDirectory, port: 0);

    /// <summary>The environment of a host process on this cluster: no connection string, no keys, no listen settings of the
    /// test run's own.</summary>
    public Dictionary<string, string?> HostEnvironment() => new()
    {
        ["EmbeddedPostgres__DataDirectory"] = DataDirectory,
        ["ConnectionStrings__Marten"] = null,
        ["Authentication__SigningKey"] = null,
        ["Authentication__Authority"] = null,
        ["Authentication__Disabled"] = null,
        ["ASPNETCORE_URLS"] = null,
        ["ASPNETCORE_HTTP_PORTS"] = null,
        ["ASPNETCORE_HTTPS_PORTS"] = null,
        ["RateLimiting__Writes__PermitLimit"] = "0",
    };

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _cluster.StopAsync();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
