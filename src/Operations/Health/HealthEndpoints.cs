using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventSourced.Operations.Health;

/// <summary>
/// <c>/health/live</c> (the process answers; no checks), <c>/health/ready</c> (database, schema, Wolverine) and
/// <c>/health</c> (every check as JSON, the approval workflow's included). Anonymous; 503 when a readiness check is unhealthy.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddEventSourcedHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("postgresql", tags: [ReadyTag])
            .AddCheck<SchemaHealthCheck>("marten-schema", tags: [ReadyTag])
            .AddCheck<WolverineHealthCheck>("wolverine", tags: [ReadyTag])
            .AddCheck<ApprovalWorkflowHealthCheck>("approval-workflow");
        return services;
    }

    public static TEndpoints MapEventSourcedHealthChecks<TEndpoints>(this TEndpoints app)
        where TEndpoints : IEndpointRouteBuilder
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync });
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync });
        return app;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new HealthReportView(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckView(
                e.Value.Status.ToString(), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1), e.Value.Exception?.Message))), Json));
    }
}
