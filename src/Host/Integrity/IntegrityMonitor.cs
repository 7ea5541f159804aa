using EventSourced.Projections.Integrity;
using Marten;

namespace EventSourced.Host.Integrity;

/// <summary>
/// Runs the integrity check every <c>Integrity:CheckInterval</c> (e.g. <c>00:15:00</c>) so the findings gauges stay
/// current and alerts can fire, for every tenant. Off unless configured: a check replays every stream.
/// </summary>
internal sealed partial class IntegrityMonitor(IDocumentStore store, TimeProvider clock, IntegrityMetrics metrics, IConfiguration configuration,
    ILogger<IntegrityMonitor> logger) : BackgroundService
{
    public const string IntervalKey = "Integrity:CheckInterval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!TimeSpan.TryParse(configuration[IntervalKey], System.Globalization.CultureInfo.InvariantCulture, out var interval) || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                foreach (var report in await IntegrityCheck.RunForTenantsAsync(store, new IntegrityCheckOptions(), clock, cancellation: stoppingToken))
                {
                    metrics.Record(report);
                    if (report.IsClean)
                    {
                        LogClean(logger, report.TenantId, report.EventsReplayed);
                    }
                    else
                    {
                        LogFindings(logger, report.TenantId, string.Join(", ", report.CountsByKind.Where(k => k.Value > 0).Select(k => $"{k.Key} {k.Value}")));
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integrity check of tenant {TenantId} clean ({Events} events replayed)")]
    private static partial void LogClean(ILogger logger, string tenantId, long events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integrity check of tenant {TenantId} found: {Findings}. Run 'integrity check' for details, 'integrity repair --dry-run' for the plan")]
    private static partial void LogFindings(ILogger logger, string tenantId, string findings);

    [LoggerMessage(Level = LogLevel.Error, Message = "Integrity check could not run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
