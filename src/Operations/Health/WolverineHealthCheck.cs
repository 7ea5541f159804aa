using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace EventSourced.Operations.Health;

/// <summary>
/// Readiness: Wolverine's durability agent (which recovers the durable inbox/outbox) runs. With several nodes only the
/// leader runs it, so on the others this is Degraded (still ready), not Unhealthy.
/// </summary>
internal sealed class WolverineHealthCheck(IWolverineRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var agents = runtime.Agents.AllRunningAgentUris();
        return Task.FromResult(agents.Any(uri => uri.Scheme == "wolverinedb")
            ? HealthCheckResult.Healthy($"Durability agent running; {agents.Length} agent(s) on this node.")
            : HealthCheckResult.Degraded("The durability agent runs on another node (or is still being assigned)."));
    }
}
