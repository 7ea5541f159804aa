using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Handlers.Resilience;
using EventSourced.Projections.Approvals;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventSourced.Operations.Health;

/// <summary>
/// The 90 % approval workflow (in <c>/health</c>, not a readiness check: an idle or disabled workflow does not make the service
/// unready): whether it is on (the feature flag, as read now) and how many approvals are pending, over every tenant database.
/// </summary>
internal sealed class ApprovalWorkflowHealthCheck(IDocumentStore store, ApprovalWorkflowOptions workflow, StaleApprovalOptions stale,
    TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var perDatabase = new List<WorkflowMetrics>();
            foreach (var database in await store.Storage.AllDatabases())
            {
                await using var session = store.QuerySession(Marten.Services.SessionOptions.ForDatabase(database));
                perDatabase.Add(await session.WorkflowMetricsOfEveryTenantAsync(clock.GetUtcNow(), stale.StaleAfter, cancellationToken));
            }

            var metrics = WorkflowMetrics.Sum(perDatabase);
            var state = workflow.Enabled ? "enabled" : "disabled (Workflow:Disable90PercentWorkflow / DISABLE_90PCT_WORKFLOW)";
            return HealthCheckResult.Healthy($"Approval workflow {state}; {metrics.PendingApprovals} approval(s) pending, {metrics.StaleApprovals} of them stale.",
                new Dictionary<string, object> { ["enabled"] = workflow.Enabled, ["pendingApprovals"] = metrics.PendingApprovals,
                    ["staleApprovals"] = metrics.StaleApprovals });
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            return HealthCheckResult.Unhealthy("The workflow's tables cannot be read: PostgreSQL does not answer.", ex);
        }
    }
}
