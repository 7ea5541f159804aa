using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EventSourced.Operations.Postgres;

/// <summary>
/// A PostgreSQL cluster run from the local binaries: created with initdb on first use, started with pg_ctl,
/// listening on 127.0.0.1 only, trusting local connections. PostgreSQL refuses to run as root, so as root every
/// command runs as the <c>postgres</c> user (runuser) and the data folder is handed to that user.
/// Used by the host when no connection string is configured, and by the tests when neither a connection string
/// nor Docker is available.
/// </summary>
public sealed class LocalPostgresCluster
{
    private const string Superuser = "postgres";

    private LocalPostgresCluster(string binDirectory, string dataDirectory, int port)
    {
        BinDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string BinDirectory { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string LogFile => Path.Combine(DataDirectory, "server.log");

    /// <summary>False when the cluster was already running (another host on the same data folder): it is not ours to stop.</summary>
    public bool StartedHere { get; private set; }

    /// <summary>How this process came by the cluster, for the one startup line that says so.</summary>
    public string Origin { get; private set; } = "found already running";

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
    }.ConnectionString;

    public string PsqlCommand => $"psql -h 127.0.0.1 -p {Port} -U {Superuser} postgres";

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Creates the cluster in <paramref name="dataDirectory"/> if it has none yet, and starts it on <paramref name="port"/>
    /// (0 picks a free port). A cluster already running from that folder is reused.</summary>
    public static async Task<LocalPostgresCluster> StartAsync(string dataDirectory, int port = 0, string? binDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var bin = PostgresBinaries.Locate(binDirectory) ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install PostgreSQL (e.g. 'apt-get install -y postgresql') or configure a connection string.");

        dataDirectory = Path.GetFullPath(dataDirectory);
        var running = ReadRunningPort(dataDirectory);
        var cluster = new LocalPostgresCluster(bin, dataDirectory, running ?? (port == 0 ? FreePort() : port));
        if (running is not null && await cluster.AcceptsConnectionsAsync(cancellationToken))
        {
            // Started by another process on this data folder (another host, or one that was killed): used as it is and left
            // running when this process ends, since stopping it could pull it from under its owner.
            cluster.Origin = "found already running (started by another process; left running when this host stops: pg_ctl -D <data> stop)";
            return cluster;
        }

        cluster.Origin = await cluster.InitializeIfMissingAsync(cancellationToken) ? "created and started" : "started on its existing data";
        await cluster.RunAsync("pg_ctl", cancellationToken, "-D", dataDirectory, "-l", cluster.LogFile, "-w", "-t", "60",
            "-o", $"-p {cluster.Port} -k {dataDirectory} -c listen_addresses=127.0.0.1", "start");
        cluster.StartedHere = true;
        return cluster;
    }

    /// <summary>Stops the cluster if this process started it.</summary>
    public Task StopIfStartedHereAsync(CancellationToken cancellationToken = default) =>
        StartedHere ? StopAsync(cancellationToken) : Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunAsync("pg_ctl", cancellationToken, "-D", DataDirectory, "-m", "fast", "-w", "stop");
        }
    }

    /// <summary>Runs initdb when the folder holds no cluster yet; true when it did.</summary>
    private async Task<bool> InitializeIfMissingAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return false;
        }

        Directory.CreateDirectory(DataDirectory);
        if (RunningAsRoot)
        {
            await RunProcessAsync("chown", cancellationToken, "-R", $"{Superuser}:", DataDirectory);
        }

        await RunAsync("initdb", cancellationToken, "-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-instructions");
        return true;
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString());
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    // postmaster.pid: line 1 is the pid, line 4 the port.
    private static int? ReadRunningPort(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunAsync(string tool, CancellationToken cancellationToken, params string[] arguments)
    {
        var executable = Path.Combine(BinDirectory, tool);
        return RunningAsRoot
            ? RunProcessAsync("runuser", cancellationToken, ["-u", Superuser, "--", executable, .. arguments])
            : RunProcessAsync(executable, cancellationToken, arguments);
    }

    private static async Task RunProcessAsync(string fileName, CancellationToken cancellationToken, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
