using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Approvals;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Approvals;

[Tags("Approvals")]
public static class GetApprovalEndpoint
{
    /// <summary>One approval, by id: pending, approved or rejected. Its <c>ETag</c> is the stream version, for <c>If-Match</c> on writes.</summary>
    [WolverineGet("/approvals/{id}")]
    public static async Task<Found<ApprovalView>> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await context.OkWithETagAsync(session, id, ApprovalQueries.FindApprovalAsync, () => DomainError.NotFound("Approval", id).ToProblem(context), cancellation);
}
