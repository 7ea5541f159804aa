using EventSourced.Operations.Approvals;
using EventSourced.Operations.FeatureFlags;
using EventSourced.Operations.Health;
using EventSourced.Operations.Integrity;
using EventSourced.Operations.Metrics;
using OpenTelemetry.Metrics;

namespace EventSourced.Operations;

public static class OperationsRegistration
{
    /// <summary>Everything a host needs to operate EventSourced: health checks, metrics (with the host's exporter), the periodic
    /// integrity monitor, the feature flags read at runtime and the stale-approval policy. Map the health endpoints with
    /// <see cref="HealthEndpoints.MapEventSourcedHealthChecks"/>.</summary>
    public static IServiceCollection AddEventSourcedOperations(this IServiceCollection services, IConfiguration configuration,
        Action<MeterProviderBuilder>? metricsExporter = null) =>
        services
            .AddEventSourcedFeatureFlags(configuration)
            .AddEventSourcedStaleApprovals(configuration)
            .AddEventSourcedHealthChecks()
            .AddEventSourcedMetrics(metricsExporter)
            .AddEventSourcedIntegrityMonitor();
}
