using EventSourced.Host.Tests.Operations;

namespace EventSourced.Host.Tests.Concurrency;

/// <summary>Two host processes on one database, started and ready; when a test on them fails (or they do not start), both
/// nodes' output goes to the test's log.</summary>
internal sealed class NodePair : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private NodePair(HostNode first, HostNode second) => (First, Second) = (first, second);

    public HostNode First { get; }

    public HostNode Second { get; }

    public HostNode[] Nodes => [First, Second];

    public static async Task<NodePair> StartAsync(string connectionString, CancellationToken cancellation)
    {
        var ports = HostNode.FreeLoopbackPorts(2);
        var pair = new NodePair(HostNode.Start("node-a", ports[0], connectionString), HostNode.Start("node-b", ports[1], connectionString));
        try
        {
            await pair.RunAsync(() => Task.WhenAll(pair.Nodes.Select(n => n.WaitUntilReadyAsync(StartTimeout, cancellation))));
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    public async Task RunAsync(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            foreach (var node in Nodes)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"----- {node.Name} ({node.Address}), exited: {node.HasExited}\n{node.Output}");
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}
