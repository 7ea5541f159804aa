using EventSourced.Operations.Integrity;
using EventSourced.Projections.Integrity;
using EventSourced.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime;

namespace EventSourced.Host.Tests.Integrity;

/// <summary>
/// The periodic integrity check is a Wolverine agent: assigned by the cluster's leader to one node (here, in solo mode, the
/// only one), where it checks on its interval and records the findings gauges; without an interval there is no agent.
/// </summary>
public sealed class IntegrityMonitorTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    [Fact]
    public async Task With_an_interval_the_monitor_runs_as_a_wolverine_agent_and_records_checks()
    {
        await using var host = await TestHosts.StartAsync(db.ConnectionString, new Dictionary<string, string?> { [IntegrityMonitorAgentFamily.IntervalKey] = "00:00:01" });
        var runtime = host.Services.GetRequiredService<IWolverineRuntime>();
        var metrics = host.Services.GetRequiredService<IntegrityMetrics>();

        await Eventually.UntilAsync(() => runtime.Agents.AllRunningAgentUris().Contains(IntegrityMonitorAgentFamily.MonitorUri) && metrics.Latest is not null,
            "the monitor agent started and finished a check", TestContext.Current.CancellationToken);

        metrics.Latest!.IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_an_interval_there_is_no_monitor_agent()
    {
        await using var host = await TestHosts.StartAsync(db.ConnectionString);
        var runtime = host.Services.GetRequiredService<IWolverineRuntime>();

        runtime.Agents.AllRunningAgentUris().ShouldNotContain(IntegrityMonitorAgentFamily.MonitorUri);
        host.Services.GetRequiredService<IntegrityMetrics>().Latest.ShouldBeNull();
    }
}
