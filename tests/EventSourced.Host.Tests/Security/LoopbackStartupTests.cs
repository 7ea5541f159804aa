using System.Net;
using EventSourced.Host.Tests.Operations;

namespace EventSourced.Host.Tests.Security;

/// <summary>
/// The real host process with its embedded database and no token keys: authentication is off only while every listener is on
/// loopback, however the listeners were configured. Bound beyond loopback, by the host's <c>urls</c>, ASP.NET Core's ports
/// settings or Kestrel's own endpoints, it refuses to start: non-zero exit, and a message saying what to set.
/// </summary>
public sealed class LoopbackStartupTests(EmbeddedCluster cluster) : IClassFixture<EmbeddedCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static TheoryData<string> BeyondLoopback => new()
    {
        "Kestrel__Endpoints__Http__Url=http://0.0.0.0:{port}",
        "ASPNETCORE_HTTP_PORTS={port}",
        "--urls http://+:{port}",
        "--urls http://[::]:{port}",
    };

    [Theory]
    [MemberData(nameof(BeyondLoopback))]
    public async Task Listening_beyond_loopback_without_keys_exits_non_zero_saying_what_to_set(string binding)
    {
        var port = HostNode.FreeLoopbackPorts(1)[0];
        await using var host = Start(binding.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), port);

        var exitCode = await host.WaitForExitAsync(Deadline, TestContext.Current.CancellationToken);

        exitCode.ShouldNotBe(0, host.Output);
        host.Output.ShouldContain("Authentication is required: the host listens beyond loopback");
        host.Output.ShouldContain("Authentication:SigningKey");
        host.Output.ShouldContain("Authentication:Authority");
        host.Output.ShouldContain("Authentication:Disabled=true");
    }

    [Theory]
    [InlineData("--urls http://127.0.0.1:{port}")]
    [InlineData("Kestrel__Endpoints__Http__Url=http://127.0.0.1:{port}")]
    public async Task On_loopback_it_starts_with_authentication_off(string binding)
    {
        var port = HostNode.FreeLoopbackPorts(1)[0];
        await using var host = Start(binding.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), port);

        await host.WaitUntilReadyAsync(Deadline, TestContext.Current.CancellationToken);
        var created = await host.SendAsync(HttpMethod.Post, "/beneficiary-groups", """{"name": "loopback", "region": "DE", "tags": []}""",
            TestContext.Current.CancellationToken);

        created.Status.ShouldBe(HttpStatusCode.Created, created.ToString());
        host.Output.ShouldContain("Authentication is off: the host listens on loopback only");
        // The class's cluster was started before the host: reused, said so, and not the host's to stop.
        host.Output.ShouldContain("Embedded PostgreSQL (no ConnectionStrings:Marten configured) found already running (started by another process;");
        host.HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task Configuration_switches_on_the_command_line_work_like_environment_variables()
    {
        var port = HostNode.FreeLoopbackPorts(1)[0];
        var environment = cluster.HostEnvironment();
        environment["EmbeddedPostgres__DataDirectory"] = null;
        await using var host = HostNode.StartWith("switches", new Uri($"http://127.0.0.1:{port}"),
            [$"--EmbeddedPostgres:DataDirectory={cluster.DataDirectory}", "--urls", $"http://127.0.0.1:{port}", "--Workflow:Disable90PercentWorkflow=true"],
            environment);

        await host.WaitUntilReadyAsync(Deadline, TestContext.Current.CancellationToken);
        var health = await host.SendAsync(HttpMethod.Get, "/health", null, TestContext.Current.CancellationToken);

        health.Status.ShouldBe(HttpStatusCode.OK, health.ToString());
        health.ToString().ShouldContain("Approval workflow disabled");
        host.Output.ShouldContain($"data in {cluster.DataDirectory}");
    }

    // "--urls <url>" are arguments; "Name=value" is an environment variable.
    private HostNode Start(string binding, int port)
    {
        var environment = cluster.HostEnvironment();
        var args = new List<string>();
        if (binding.StartsWith("--", StringComparison.Ordinal))
        {
            args.AddRange(binding.Split(' '));
        }
        else
        {
            var (name, value) = (binding[..binding.IndexOf('=', StringComparison.Ordinal)], binding[(binding.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            environment[name] = value;
        }

        return HostNode.StartWith(binding, new Uri($"http://127.0.0.1:{port}"), args, environment);
    }
}
