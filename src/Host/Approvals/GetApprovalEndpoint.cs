using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Approvals;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Approvals;

public static class GetApprovalEndpoint
{
    [WolverineGet("/approvals/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.FindApprovalAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Approval", id).ToProblem(context);
}
