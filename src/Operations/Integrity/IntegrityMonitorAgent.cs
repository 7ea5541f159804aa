using EventSourced.Projections.Integrity;
using JasperFx;
using Marten;
using Wolverine.Runtime.Agents;

namespace EventSourced.Operations.Integrity;

/// <summary>
/// Runs the integrity check every <c>Integrity:CheckInterval</c> (e.g. <c>00:15:00</c>) so the findings gauges stay current
/// and alerts can fire, for every tenant. A Wolverine agent (<see cref="IntegrityMonitorAgentFamily"/>): the cluster's
/// leader assigns it to exactly one node, and moves it when that node goes away, so several nodes do not each replay the
/// whole log. Off unless configured.
/// </summary>
internal sealed partial class IntegrityMonitorAgent(Uri uri, TimeSpan interval, IDocumentStore store, TimeProvider clock, IntegrityMetrics metrics,
    TimeSpan pendingApprovalMaxAge, ILogger<IntegrityMonitorAgent> logger) : IAgent
{
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public Uri Uri { get; } = uri;

    public AgentStatus Status { get; private set; } = AgentStatus.Stopped;

    public string Description => $"periodic integrity check every {interval}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        Status = AgentStatus.Running;
        LogStarted(logger, interval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Status = AgentStatus.Stopped;
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                foreach (var report in await IntegrityCheck.RunForTenantsAsync(store, new IntegrityCheckOptions { PendingApprovalMaxAge = pendingApprovalMaxAge }, clock, cancellation: stoppingToken))
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Periodic integrity check runs on this node, every {Interval}")]
    private static partial void LogStarted(ILogger logger, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Integrity check of tenant {TenantId} clean ({Events} events replayed)")]
    private static partial void LogClean(ILogger logger, string tenantId, long events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integrity check of tenant {TenantId} found: {Findings}. Run 'integrity check' for details, 'integrity repair --dry-run' for the plan")]
    private static partial void LogFindings(ILogger logger, string tenantId, string findings);

    [LoggerMessage(Level = LogLevel.Error, Message = "Integrity check could not run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
