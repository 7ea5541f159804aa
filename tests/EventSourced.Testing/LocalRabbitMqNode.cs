using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EventSourced.Testing;

/// <summary>
/// A private RabbitMQ node started from Debian's <c>rabbitmq-server</c> package: its own node name, ports, data and log
/// folders (the <c>RABBITMQ_*</c> variables), no plugins, loopback only (guest/guest), removed on <see cref="StopAsync"/>.
/// As root the package's wrappers run the node as the <c>rabbitmq</c> user; otherwise it runs as the current user.
/// </summary>
public sealed class LocalRabbitMqNode
{
    private const string PackageBin = "/usr/lib/rabbitmq/bin";
    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;
    private readonly bool _asRoot;

    private LocalRabbitMqNode(string directory, string nodeName, int port, bool asRoot)
    {
        _directory = directory;
        NodeName = nodeName;
        Port = port;
        _asRoot = asRoot;
        _environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = FreePort().ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "node.pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
        };
    }

    public string NodeName { get; }

    public int Port { get; }

    /// <summary>Whether the package is installed (the wrappers as root, the package's own scripts otherwise).</summary>
    public static bool IsInstalled => File.Exists(Path.Combine(PackageBin, "rabbitmq-server"));

    public static async Task<LocalRabbitMqNode> StartAsync(string directory)
    {
        var asRoot = Environment.UserName == "root";
        var node = new LocalRabbitMqNode(directory, $"eventsourced-{Guid.NewGuid():N}"[..21] + "@localhost", FreePort(), asRoot);
        Directory.CreateDirectory(Path.Combine(directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(directory, "log"));
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].");
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "rabbitmq:rabbitmq", directory], node._environment);
        }

        try
        {
            await node.ServerAsync("-detached");
            // 'wait' waits for the pid file, the node's distribution and its boot (await_startup alone gives up while the
            // detached node has not registered yet).
            await node.ControlAsync("wait", node._environment["RABBITMQ_PID_FILE"], "--timeout", "120");
        }
        catch (InvalidOperationException ex)
        {
            var logs = Directory.EnumerateFiles(Path.Combine(directory, "log")).Select(f => $"{f}:\n{string.Join('\n', File.ReadLines(f).TakeLast(15))}");
            throw new InvalidOperationException($"{ex.Message}\n{string.Join('\n', logs)}", ex);
        }

        return node;
    }

    /// <summary>An empty virtual host the guest user may use: one per test class, so classes never see each other's queues.</summary>
    public async Task AddVirtualHostAsync(string name)
    {
        await ControlAsync("add_vhost", name);
        await ControlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this node (e.g. <c>set_vhost_limits</c>), failing on a non-zero exit.</summary>
    public Task ControlAsync(params string[] args) => _asRoot
        ? RunAsync("rabbitmqctl", ["-n", NodeName, .. args], _environment)
        : RunAsync(Path.Combine(PackageBin, "rabbitmqctl"), ["-n", NodeName, .. args], _environment);

    public async Task StopAsync()
    {
        try
        {
            await ControlAsync("stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task ServerAsync(params string[] args) => _asRoot
        ? RunAsync("rabbitmq-server", args, _environment)
        : RunAsync(Path.Combine(PackageBin, "rabbitmq-server"), args, _environment);

    private static async Task RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
