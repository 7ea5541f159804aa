using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Handlers.Resilience;
using EventSourced.Projections.Approvals;
using Marten;
using Microsoft.AspNetCore.Mvc;
using System.Text.Json.Serialization;
using Wolverine.Http;

namespace EventSourced.Host.Workflow;

/// <summary>The body of <c>/api/workflow/health</c>, healthy (200) or not (503).</summary>
public sealed record WorkflowHealthReport(string Status, DateTimeOffset Timestamp, WorkflowHealthChecks Checks);

/// <summary>The database check always; the workflow check only when the database could be asked for its metrics.</summary>
public sealed record WorkflowHealthChecks(
    ComponentHealth Database,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WorkflowComponentHealth? Workflows = null);

public sealed record ComponentHealth(string Status, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

public sealed record WorkflowComponentHealth(string Status, bool Enabled, WorkflowMetrics Metrics);

[Tags("Workflow")]
public static class WorkflowHealthEndpoint
{
    /// <summary>
    /// The runbook's <c>/api/workflow/health</c>: database connectivity and the workflow metrics under
    /// <c>checks.workflows.metrics</c>. 503 only when the database cannot be reached; an idle workflow is healthy.
    /// </summary>
    [ProducesResponseType<WorkflowHealthReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<WorkflowHealthReport>(StatusCodes.Status503ServiceUnavailable)]
    [WolverineGet("/api/workflow/health")]
    public static async Task<IResult> Get(IQuerySession session, TimeProvider clock, ApprovalWorkflowOptions workflow,
        StaleApprovalOptions stale, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        try
        {
            var metrics = await session.WorkflowMetricsAsync(now, stale.StaleAfter, cancellation);
            return Results.Ok(new WorkflowHealthReport("healthy", now,
                new WorkflowHealthChecks(new ComponentHealth("healthy"), new WorkflowComponentHealth("healthy", workflow.Enabled, metrics))));
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            return Results.Json(new WorkflowHealthReport("unhealthy", now, new WorkflowHealthChecks(new ComponentHealth("unhealthy", ex.Message))),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
