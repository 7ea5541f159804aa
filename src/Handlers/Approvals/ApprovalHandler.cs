using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory;
using EventSourced.Handlers.Commands;
using EventSourced.Projections.Approvals;
using Marten;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Runtime.Handlers;

namespace EventSourced.Handlers.Approvals;

/// <summary>Approval decisions: approve (order, reservation converted, campaign won) or reject (reservation released,
/// probability restored), across four streams in one transaction that Wolverine commits once. Explicit multi-stream code: the
/// campaign and reservation ids come from the approval's state, which Wolverine's <c>[WriteAggregate]</c> parameters cannot
/// name up front.</summary>
[Transactional]
public static class ApprovalHandler
{
    /// <summary>
    /// Reviewers racing on one approval both read it pending; the loser fails Marten's version check, is decided again on
    /// fresh state (Wolverine's inline retry, a new session) and so gets "Approval already decided" with the winning decision.
    /// </summary>
    public static void Configure(HandlerChain chain) => chain.RetryOnRace(attempts: 3);

    public static async Task<CommandResult> Handle(DecideApproval command, IDocumentSession session, TimeProvider clock, Envelope? envelope,
        CancellationToken cancellation)
    {
        var (approvalStream, refusal) = await session.FetchForWritingAsync<ApprovalState>(command.ApprovalId, command.ExpectedVersion, cancellation);
        if (refusal is not null)
        {
            return CommandResult.Rejected(command.ApprovalId, refusal);
        }

        if (approvalStream?.Aggregate is not { } approval)
        {
            return CommandResult.Rejected(command.ApprovalId, DomainError.NotFound("Approval", command.ApprovalId));
        }

        var campaignStream = await session.Events.FetchForWriting<CampaignState>(approval.CampaignId, cancellation);
        var reservationStream = await session.Events.FetchForWriting<ReservationState>(approval.ReservationId, cancellation);
        var campaign = campaignStream.Aggregate
            ?? throw new InvalidOperationException($"Approval {approval.Id} refers to campaign {approval.CampaignId}, which has no stream.");
        var reservation = reservationStream.Aggregate
            ?? throw new InvalidOperationException($"Approval {approval.Id} refers to reservation {approval.ReservationId}, which has no stream.");

        var decision = ApprovalWorkflow.Decide(approval, campaign, reservation, command, Guid.CreateVersion7(), clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(approval.Id, error);
        }

        new WorkflowStreams(session, campaignStream) { Approval = approvalStream, Reservation = reservationStream }.Append(decision.Events);
        return CommandResult.Accepted(approval.Id).AtVersion(approvalStream.CurrentVersion)
            .Answering(session, envelope, approvalStream, (query, token) => ApprovalQueries.FindApprovalAsync(query, approval.Id, token));
    }
}
