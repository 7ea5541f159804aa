using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Approvals;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Approvals;

[Tags("Approvals")]
public static class ListApprovalsEndpoint
{
    /// <summary>Approvals from <c>campaign_approvals</c>: <c>?status=pending</c>, <c>?campaignId=…</c>.</summary>
    [WolverineGet("/approvals")]
    public static Task<Listed<ApprovalView>> Get(string? status, Guid? campaignId, IQuerySession session, CancellationToken cancellation) =>
        Listed<ApprovalView>.OfAsync(session.ListApprovalsAsync(Query.OptionalStatus(status), campaignId, cancellation));
}
