using EventSourced.Projections.Approvals;
using Marten;
using EventSourced.Host.Hosting;
using Wolverine.Http;

namespace EventSourced.Host.Workflow;

public static class WorkflowHealthEndpoint
{
    /// <summary>
    /// The runbook's <c>/api/workflow/health</c>: database connectivity and the workflow metrics under
    /// <c>checks.workflows.metrics</c>. 503 only when the database cannot be reached; an idle workflow is healthy.
    /// </summary>
    [WolverineGet("/api/workflow/health")]
    public static async Task<IResult> Get(IQuerySession session, TimeProvider clock, ApprovalWorkflowOptions workflow, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        try
        {
            var metrics = await session.WorkflowMetricsAsync(now, cancellation);
            return Results.Ok(new
            {
                status = "healthy",
                timestamp = now,
                checks = new
                {
                    database = new { status = "healthy" },
                    workflows = new { status = "healthy", enabled = workflow.Enabled, metrics },
                },
            });
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            return Results.Json(new
            {
                status = "unhealthy",
                timestamp = now,
                checks = new { database = new { status = "unhealthy", error = ex.Message } },
            }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
