using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Observability;
using Marten;
using Wolverine.Runtime;

namespace EventSourced.Operations.Metrics;

/// <summary>
/// Refreshes the gauges that need a query (pending approvals, approval rate, outbox and dead-letter depth) every
/// <c>Metrics:RefreshInterval</c> (default 30 s), so a scrape never waits on the database. Totals over every tenant and tenant database.
/// </summary>
internal sealed partial class MetricsRefresher(IDocumentStore store, IWolverineRuntime wolverine, StaleApprovalOptions stale, TimeProvider clock, IConfiguration configuration,
    IHostApplicationLifetime lifetime, ILogger<MetricsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the host has started: Wolverine creates its envelope tables while starting, and the first pass reads them.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var interval = TimeSpan.TryParse(configuration["Metrics:RefreshInterval"], System.Globalization.CultureInfo.InvariantCulture, out var configured)
            && configured > TimeSpan.Zero ? configured : TimeSpan.FromSeconds(30);
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var perDatabase = new List<WorkflowMetrics>();
                foreach (var database in await store.Storage.AllDatabases())
                {
                    await using var session = store.QuerySession(Marten.Services.SessionOptions.ForDatabase(database));
                    perDatabase.Add(await session.WorkflowMetricsOfEveryTenantAsync(clock.GetUtcNow(), stale.StaleAfter, stoppingToken));
                }

                var workflow = WorkflowMetrics.Sum(perDatabase);
                var counts = await wolverine.Storage.Admin.FetchCountsAsync();
                EventSourcedMetrics.Refresh(workflow, counts.Outgoing, counts.DeadLetter);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the workflow and outbox gauges")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
