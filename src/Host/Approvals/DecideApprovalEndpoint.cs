using System.Net.Mime;
using EventSourced.Domain.Approvals.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Approvals;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Approvals;

/// <summary><c>{"action": "approve" | "reject", "reviewerId": "…", "reason": "…"}</c>.</summary>
public sealed record DecideApprovalRequest(string? Action, string? ReviewerId, string? Reason);

[Tags("Approvals")]
public static class DecideApprovalEndpoint
{
    /// <summary>Approve: order created, reservation converted, campaign won at 100 %. Reject: probability restored,
    /// reservation released. Already decided (or lost a race to another reviewer): 409 with the current decision.</summary>
    [ProducesResponseType<ApprovalView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, MediaTypeNames.Application.ProblemJson)]
    [WolverinePut("/approvals/{id}")]
    public static async Task<IResult> Put(Guid id, DecideApprovalRequest? request, IDocumentSession session, TimeProvider clock,
        HttpContext context, CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        return request is null
            ? DomainProblems.MissingBody(context)
            : await session.OkAtCommitAsync(context, id, ApprovalQueries.FindApprovalAsync,
                () => ApprovalHandler.Handle(new DecideApproval(id, request.Action, request.ReviewerId, request.Reason) { ExpectedVersion = expectedVersion }, session, clock, cancellation),
                cancellation);
    }
}
