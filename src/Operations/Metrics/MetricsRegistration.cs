using EventSourced.Projections.Integrity;
using EventSourced.Projections.Observability;
using OpenTelemetry.Metrics;

namespace EventSourced.Operations.Metrics;

/// <summary>
/// Metrics through OpenTelemetry: ASP.NET Core's request durations, Marten's and Wolverine's meters, the runtime's and
/// Npgsql's connection pool, EventSourced's domain
/// meters (config-validation failures, lookup failures, the workflow and outbox gauges kept current by
/// <see cref="MetricsRefresher"/>) and the integrity findings. The exporter is the host's choice (the <c>exporter</c> argument:
/// <c>m =&gt; m.AddPrometheusExporter()</c>, OTLP…).
/// </summary>
public static class MetricsRegistration
{
    public static IServiceCollection AddEventSourcedMetrics(this IServiceCollection services, Action<MeterProviderBuilder>? exporter = null)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddMeter("Marten*", "Wolverine*")
                // Runbook 004's memory, CPU and database-connection figures: .NET's runtime meter (GC heap, working set, CPU
                // time, thread pool) and Npgsql's connection-pool meter (connections idle and in use, waits, timeouts).
                .AddMeter("System.Runtime", "Npgsql")
                .AddMeter(EventSourcedMetrics.MeterName, IntegrityMetrics.MeterName);
            exporter?.Invoke(metrics);
        });
        services.AddHostedService<MetricsRefresher>();
        return services;
    }
}
