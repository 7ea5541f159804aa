using EventSourced.Projections.Integrity;
using EventSourced.Projections.Observability;
using OpenTelemetry.Metrics;

namespace EventSourced.Host.Observability;

/// <summary>
/// Metrics through OpenTelemetry, scraped at <c>GET /metrics</c> (Prometheus text format): ASP.NET Core's request
/// duration histogram (with status codes), Marten's and Wolverine's own meters, EventSourced's domain meters and the
/// integrity findings.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddEventSourcedTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddMeter("Marten*", "Wolverine*")
            .AddMeter(EventSourcedMetrics.MeterName, IntegrityMetrics.MeterName)
            .AddPrometheusExporter());
        services.AddHostedService<MetricsRefresher>();
        return services;
    }

    public static WebApplication MapEventSourcedMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
