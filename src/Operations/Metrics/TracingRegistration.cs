using OpenTelemetry.Trace;

namespace EventSourced.Operations.Metrics;

/// <summary>
/// Tracing through OpenTelemetry: one trace per request, from ASP.NET Core through the Wolverine handler (and the messages
/// it sends, whose handlers continue the trace) to Marten's session and Npgsql's commands, the commit included. The
/// exporter is the host's choice (<c>t =&gt; t.AddOtlpExporter()</c>). Call it only when traces go somewhere: every span
/// costs, even unexported. For Marten's own spans also set <c>options.OpenTelemetry.TrackConnections = TrackLevel.Normal</c>.
/// </summary>
public static class TracingRegistration
{
    /// <summary>The activity sources traced: Wolverine's, Marten's and Npgsql's (ASP.NET Core's come from its instrumentation).</summary>
    public static readonly string[] Sources = ["Wolverine", "Marten", "Npgsql"];

    public static IServiceCollection AddEventSourcedTracing(this IServiceCollection services, Action<TracerProviderBuilder>? exporter = null)
    {
        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddSource(Sources);
            exporter?.Invoke(tracing);
        });
        return services;
    }
}
