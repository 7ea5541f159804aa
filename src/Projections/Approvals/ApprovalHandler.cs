using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory;
using EventSourced.Projections.Commands;
using Marten;

namespace EventSourced.Projections.Approvals;

/// <summary>Approval decisions: approve (order, reservation converted, campaign won) or reject (reservation released,
/// probability restored), across four streams in one transaction.</summary>
public static class ApprovalHandler
{
    /// <summary>
    /// Reviewers racing on one approval both read it pending; the loser fails Marten's version check, is decided again on
    /// fresh state and so gets "Approval already decided" with the winning decision.
    /// </summary>
    public static Task<CommandResult> Handle(DecideApproval command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        SessionCommits.RetryOnRaceAsync(async () =>
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
            return (await session.CommitAsync(approval.Id, cancellation, command.ExpectedVersion)).AtVersion(approvalStream.CurrentVersion);
        }, maxAttempts: 3);
}
