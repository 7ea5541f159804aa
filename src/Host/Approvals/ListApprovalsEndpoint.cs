using System.Net.Mime;
using EventSourced.Host.Http;
using EventSourced.Projections.Approvals;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Approvals;

[Tags("Approvals")]
public static class ListApprovalsEndpoint
{
    /// <summary>Approvals from <c>campaign_approvals</c>: <c>?status=pending</c>, <c>?campaignId=…</c>.</summary>
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/approvals")]
    public static Task<IReadOnlyList<ApprovalView>> Get(string? status, Guid? campaignId, IQuerySession session, CancellationToken cancellation) =>
        session.ListApprovalsAsync(Query.OptionalStatus(status), campaignId, cancellation);
}
