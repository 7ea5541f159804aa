using System.Collections.Concurrent;
using System.Diagnostics;
using EventSourced.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EventSourced.Host.Tests.Observability;

/// <summary>The host with tracing on (an OTLP endpoint configured, where nothing listens) and every finished span also kept
/// in memory for the tests.</summary>
public sealed class TracingHostFixture(PostgresServer server) : HostFixture(server)
{
    public ConcurrentQueue<Activity> Spans { get; } = new();

    protected override Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>?>(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Otlp:Endpoint"] = "http://127.0.0.1:9", // discard: the spans the tests read are the in-memory ones
        });

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new QueueExporter(Spans))));

    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                spans.Enqueue(activity);
            }

            return ExportResult.Success;
        }
    }
}
