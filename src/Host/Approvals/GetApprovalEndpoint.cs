using System.Net.Mime;
using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Approvals;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Approvals;

[Tags("Approvals")]
public static class GetApprovalEndpoint
{
    /// <summary>One approval, by id: pending, approved or rejected. Its <c>ETag</c> is the stream version, for <c>If-Match</c> on writes.</summary>
    [ProducesResponseType<ApprovalView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/approvals/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await context.OkWithETagAsync(session, id, ApprovalQueries.FindApprovalAsync, () => DomainError.NotFound("Approval", id).ToProblem(context), cancellation);
}
