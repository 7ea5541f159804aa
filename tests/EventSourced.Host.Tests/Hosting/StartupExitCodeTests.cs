using System.Net;
using System.Net.Sockets;
using EventSourced.Host.Tests.Operations;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Hosting;

/// <summary>
/// Issue 20 §1: a host or command that cannot do its job exits non-zero, so a supervisor that restarts on failure (systemd
/// <c>Restart=on-failure</c>, Kubernetes, Docker <c>on-failure</c>) restarts it. A database that is down at start is not
/// waited for: the start fails within Npgsql's connect timeout and the supervisor's restart is the retry (docs/RUNBOOK.md).
/// The server exits 1, a command 2; each says why in one line on stderr.
/// </summary>
public sealed class StartupExitCodeTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=3";

    [Fact]
    public async Task The_server_exits_1_when_its_database_is_unreachable()
    {
        var (exitCode, _, stderr) = await ServerAsync(Unreachable);

        exitCode.ShouldBe(1, stderr);
        stderr.ShouldContain("The host did not start: Failed to connect to 127.0.0.1:1");
    }

    [Fact]
    public async Task The_server_exits_1_when_its_port_is_taken()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, _, stderr) = await ServerAsync(db.ConnectionString, port);

        exitCode.ShouldBe(1, stderr);
        stderr.ShouldContain("The host did not start:");
        stderr.ShouldContain("address already in use", Case.Insensitive);
    }

    [Fact]
    public async Task The_server_exits_1_on_bad_configuration_naming_the_setting()
    {
        var (exitCode, _, stderr) = await ServerAsync(db.ConnectionString, settings: ("Workflow__StaleApprovals__StaleAfter", "-00:00:01"));

        exitCode.ShouldBe(1, stderr);
        stderr.ShouldContain("The host could not be configured: Workflow:StaleApprovals:StaleAfter must be a positive time span");
        stderr.ShouldNotContain("Unhandled exception");
    }

    [Theory]
    [InlineData("integrity", "check")]
    [InlineData("rebuild")]
    [InlineData("dead-letters", "list")]
    [InlineData("archive", "--decided-before", "2026-01-01", "--dry-run")]
    [InlineData("forget-user", "user-1", "--operator", "dpo-1", "--reason", "request")]
    public async Task A_command_exits_2_when_the_database_is_unreachable(params string[] command)
    {
        var (exitCode, _, stderr) = await HostProcess.RunSeparatelyAsync(Environment(Unreachable), command);

        exitCode.ShouldBe(2, stderr);
        stderr.ShouldContain("Failed to connect to 127.0.0.1:1");
    }

    [Fact]
    public async Task A_command_exits_2_on_bad_configuration()
    {
        var environment = Environment(db.ConnectionString);
        environment["Workflow__StaleApprovals__RemindEvery"] = "not-a-time";

        var (exitCode, _, stderr) = await HostProcess.RunSeparatelyAsync(environment, "integrity", "check");

        exitCode.ShouldBe(2, stderr);
        stderr.ShouldContain("The host could not be configured:");
    }

    private static Task<(int ExitCode, string StandardOutput, string StandardError)> ServerAsync(string connectionString, int? port = null,
        params (string Name, string Value)[] settings)
    {
        var environment = Environment(connectionString);
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return HostProcess.RunSeparatelyAsync(environment, "--urls", $"http://127.0.0.1:{port ?? HostNode.FreeLoopbackPorts(1)[0]}");
    }

    private static Dictionary<string, string?> Environment(string connectionString) => new()
    {
        ["ConnectionStrings__Marten"] = connectionString,
        ["Authentication__Disabled"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
