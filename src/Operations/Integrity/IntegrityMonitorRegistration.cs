using EventSourced.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wolverine.Runtime.Agents;

namespace EventSourced.Operations.Integrity;

public static class IntegrityMonitorRegistration
{
    /// <summary>The periodic integrity check every <c>Integrity:CheckInterval</c> (off when unset), run by one node of the
    /// cluster as a Wolverine agent; its findings feed the integrity gauges.</summary>
    public static IServiceCollection AddEventSourcedIntegrityMonitor(this IServiceCollection services)
    {
        services.TryAddSingleton<IntegrityMetrics>();
        services.AddSingleton<IAgentFamily, IntegrityMonitorAgentFamily>();
        return services;
    }
}
