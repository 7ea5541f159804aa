using EventSourced.Domain.Approvals.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Approvals;
using Wolverine;
using Wolverine.Http;

namespace EventSourced.Host.Approvals;

/// <summary><c>{"action": "approve" | "reject", "reviewerId": "…", "reason": "…"}</c>.</summary>
public sealed record DecideApprovalRequest(string? Action, string? ReviewerId, string? Reason);

[Tags("Approvals")]
public static class DecideApprovalEndpoint
{
    /// <summary>Approve: order created, reservation converted, campaign won at 100 %. Reject: probability restored,
    /// reservation released. Already decided (or lost a race to another reviewer): 409 with the current decision.</summary>
    [WolverinePut("/approvals/{id}")]
    public static async Task<Changed<ApprovalView>> Put(Guid id, DecideApprovalRequest? request, IMessageBus bus, HttpContext context,
        CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        return request is null
            ? DomainProblems.MissingBody(context)
            : await bus.OkAtCommitAsync<ApprovalView>(context,
                new DecideApproval(id, request.Action, request.ReviewerId, request.Reason) { ExpectedVersion = expectedVersion }, cancellation);
    }
}
