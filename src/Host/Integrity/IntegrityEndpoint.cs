using System.Net.Mime;
using EventSourced.Domain.Common;
using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Host.Http;
using EventSourced.Host.Security;
using EventSourced.Host.Tenancy;
using EventSourced.Projections.Integrity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Integrity;

[Tags("Integrity")]
public static class IntegrityEndpoint
{
    /// <summary>
    /// Runs the integrity check (replaying every stream; it can take a while on a large store) and returns the JSON report,
    /// the same document as <c>integrity check --json</c>. <c>?table=</c> (repeatable or comma-separated) limits it to
    /// some read tables. 200 whether clean or not (see <c>isClean</c>); 400 names an unknown table. In a tenanted host it checks the
    /// caller's tenant only (an admin of one tenant learns nothing of another); the CLI checks every tenant.
    /// </summary>
    [ProducesResponseType<IntegrityReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/admin/integrity")]
    public static async Task<IResult> Get(string[]? table, HttpContext context, IDocumentStore store, TimeProvider clock, IntegrityMetrics metrics,
        TenancySettings tenancy, StaleApprovalOptions stale, CancellationToken cancellation)
    {
        var tables = (table ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        try
        {
            IntegrityCheck.SelectTables(tables);
        }
        catch (ArgumentException ex)
        {
            return DomainError.Validation([new FieldError("table", ex.Message, "known-table")]).ToProblem(context);
        }

        var report = await IntegrityCheck.RunAsync(store, new IntegrityCheckOptions { Tables = tables, PendingApprovalMaxAge = stale.StaleAfter, TenantId = tenancy.IsTenanted ? context.User.TenantId() : null }, clock, cancellation: cancellation);
        metrics.Record(report);
        return Results.Json(report, IntegrityJson.Options);
    }
}
