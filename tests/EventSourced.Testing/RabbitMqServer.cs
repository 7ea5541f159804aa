using DotNet.Testcontainers.Builders;
using Testcontainers.RabbitMq;
using Xunit;

namespace EventSourced.Testing;

/// <summary>
/// The one RabbitMQ broker a test run uses, started on first use (most test classes need none), shared by every class of
/// the assembly. In order of preference, like <see cref="PostgresServer"/>:
/// <list type="number">
/// <item><c>EVENTSOURCED_TEST_RABBITMQ</c>, an AMQP URI of a broker you run (used as given: the classes share its virtual host);</item>
/// <item>a Testcontainers RabbitMQ container, when a Docker engine answers;</item>
/// <item>a private node started from Debian's <c>rabbitmq-server</c> package, removed afterwards.</item>
/// </list>
/// Otherwise each class gets its own virtual host (<see cref="CreateVirtualHostAsync"/>), so the fixed queue names of the
/// contract never carry one class's messages to another.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    public const string UriVariable = "EVENTSOURCED_TEST_RABBITMQ";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private RabbitMqContainer? _container;
    private LocalRabbitMqNode? _node;
    private Uri? _configured;
    private Uri? _root;

    /// <summary>Which of the three sources is in use, for failure messages.</summary>
    public string Source { get; private set; } = "not started";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>An AMQP URI for one test class: a virtual host of its own, or the configured broker's URI as given.</summary>
    public async Task<string> CreateVirtualHostAsync(string owner)
    {
        await StartAsync();
        if (_configured is not null)
        {
            return _configured.ToString();
        }

        // "BrokerEnrollmentTests" -> "brokerenrollmenttests-3f2a9c1b": readable in rabbitmqctl, unique per run.
        var readable = new string(owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
        var name = $"{readable}-{Guid.NewGuid():N}"[..(readable.Length + 9)];
        if (_container is not null)
        {
            await _container.ExecAsync(["rabbitmqctl", "add_vhost", name]);
            await _container.ExecAsync(["rabbitmqctl", "set_permissions", "-p", name, RabbitMqBuilder.DefaultUsername, ".*", ".*", ".*"]);
        }
        else
        {
            await _node!.AddVirtualHostAsync(name);
        }

        return new UriBuilder(_root!) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();
    }

    /// <summary>Whether the tests control this broker (a container or a local node), so they can cut a virtual host off;
    /// not a broker given by <c>EVENTSOURCED_TEST_RABBITMQ</c>.</summary>
    public bool CanCutOff => _configured is null;

    /// <summary>
    /// The broker goes away for the clients of one virtual host only: its open connections are closed and new ones refused
    /// (a connection limit of 0), while other test classes keep theirs. <see cref="RestoreAsync"/> lets them in again.
    /// </summary>
    public async Task CutOffAsync(string amqpUri)
    {
        var vhost = VirtualHostOf(amqpUri);
        await ControlAsync("set_vhost_limits", "-p", vhost, "{\"max-connections\": 0}");
        await ControlAsync("close_all_connections", "-p", vhost, "cut off by a test");
    }

    public Task RestoreAsync(string amqpUri) => ControlAsync("clear_vhost_limits", "-p", VirtualHostOf(amqpUri));

    private static string VirtualHostOf(string amqpUri) => Uri.UnescapeDataString(new Uri(amqpUri).AbsolutePath.TrimStart('/'));

    private async Task ControlAsync(params string[] args)
    {
        if (!CanCutOff)
        {
            throw new InvalidOperationException($"The broker given by {UriVariable} is not under the tests' control.");
        }

        await StartAsync();
        if (_container is not null)
        {
            var result = await _container.ExecAsync(["rabbitmqctl", .. args]);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} exited {result.ExitCode}: {result.Stdout} {result.Stderr}");
            }
        }
        else
        {
            await _node!.ControlAsync(args);
        }
    }

    private async Task StartAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_root is not null || _configured is not null)
            {
                return;
            }

            if (Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } configured)
            {
                _configured = new Uri(configured);
                Source = UriVariable;
                return;
            }

            var dockerProblem = await TryStartContainerAsync();
            if (_container is not null)
            {
                return;
            }

            if (!LocalRabbitMqNode.IsInstalled)
            {
                throw new InvalidOperationException(
                    "These tests need a RabbitMQ broker and found none. Provide one of: " +
                    $"(1) {UriVariable}=amqp://user:password@host:5672/vhost; (2) a running Docker engine for Testcontainers ({dockerProblem}); " +
                    "(3) Debian's rabbitmq-server package ('apt-get install -y rabbitmq-server'; no service needs to run).");
            }

            var directory = Path.Combine(Path.GetTempPath(), $"eventsourced-rabbitmq-{Guid.NewGuid():N}"[..33]);
            _node = await LocalRabbitMqNode.StartAsync(directory);
            _root = new Uri($"amqp://guest:guest@127.0.0.1:{_node.Port}/");
            Source = $"local node {_node.NodeName} on port {_node.Port}";
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_node is not null)
        {
            await _node.StopAsync();
        }

        _starting.Dispose();
    }

    private async Task<string> TryStartContainerAsync()
    {
        try
        {
            var container = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await container.StartAsync(timeout.Token);
            _container = container;
            _root = new Uri(container.GetConnectionString());
            Source = "Testcontainers";
            return string.Empty;
        }
        catch (Exception ex) when (ex is DockerUnavailableException or OperationCanceledException or InvalidOperationException or HttpRequestException)
        {
            return $"Docker unavailable: {ex.Message.Split('\n')[0]}";
        }
    }
}
