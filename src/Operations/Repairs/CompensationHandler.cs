using EventSourced.Domain.Approvals;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Commands;
using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.Commands;
using Marten;

namespace EventSourced.Operations.Repairs;

/// <summary>
/// The compensating commands: load the streams (for writing, so Marten's version check guards the repair), decide
/// with <see cref="RepairDecisions"/>, append, commit. With <c>dryRun</c> the decision is returned and nothing is
/// appended. Read tables are only ever changed by the inline projections of the appended events. Explicit on purpose: a
/// repair runs from the operator's command (or a library call) on a session of its own per finding, not through Wolverine,
/// and reports a lost race as a refused repair instead of deciding it again.
/// </summary>
public static class CompensationHandler
{
    public static async Task<RepairOutcome> Handle(ReleaseDanglingReservation command, IDocumentSession session, TimeProvider clock, bool dryRun,
        CancellationToken cancellation)
    {
        const string finding = FindingKinds.DanglingReservation;
        var reservationStream = await session.Events.FetchForWriting<ReservationState>(command.ReservationId, cancellation);
        if (reservationStream.Aggregate is not { } reservation)
        {
            return RepairOutcome.Refused(finding, command.ReservationId, DomainError.NotFound("Reservation", command.ReservationId));
        }

        var approval = await session.Events.AggregateStreamAsync<ApprovalState>(reservation.ApprovalId, token: cancellation);
        var decision = RepairDecisions.ReleaseReservation(reservation, approval, command, clock.GetUtcNow());
        return await CommitAsync(session, finding, reservation.Id, decision, dryRun, () => reservationStream.AppendMany(decision.Events), cancellation);
    }

    public static async Task<RepairOutcome> Handle(CreateMissingOrder command, IDocumentSession session, TimeProvider clock, bool dryRun,
        CancellationToken cancellation)
    {
        const string finding = FindingKinds.ApprovalWithoutOrder;
        var approvalStream = await session.Events.FetchForWriting<ApprovalState>(command.ApprovalId, cancellation);
        if (approvalStream.Aggregate is not { } approval)
        {
            return RepairOutcome.Refused(finding, command.ApprovalId, DomainError.NotFound("Approval", command.ApprovalId));
        }

        var campaignStream = await session.Events.FetchForWriting<CampaignState>(approval.CampaignId, cancellation);
        var reservationStream = await session.Events.FetchForWriting<ReservationState>(approval.ReservationId, cancellation);
        if (campaignStream.Aggregate is not { } campaign || reservationStream.Aggregate is not { } reservation)
        {
            return RepairOutcome.Refused(finding, approval.Id, DomainError.Conflict(RepairDecisions.NotRepairable,
                $"Approval {approval.Id} refers to campaign {approval.CampaignId} or reservation {approval.ReservationId}, which has no stream."));
        }

        var orderExists = approval.OrderId is { } orderId && await session.Events.FetchStreamStateAsync(orderId, cancellation) is not null;
        var decision = RepairDecisions.CreateOrder(approval, reservation, campaign, orderExists, command, clock.GetUtcNow());
        var streams = new WorkflowStreams(session, campaignStream) { Approval = approvalStream, Reservation = reservationStream };
        return await CommitAsync(session, finding, approval.Id, decision, dryRun, () => streams.Append(decision.Events), cancellation);
    }

    public static async Task<RepairOutcome> Handle(RequestMissingApproval command, IDocumentSession session, TimeProvider clock, bool dryRun,
        CancellationToken cancellation)
    {
        const string finding = FindingKinds.CampaignWithoutApproval;
        var campaignStream = await session.Events.FetchForWriting<CampaignState>(command.CampaignId, cancellation);
        if (campaignStream.Aggregate is not { } campaign)
        {
            return RepairOutcome.Refused(finding, command.CampaignId, DomainError.NotFound("Campaign", command.CampaignId));
        }

        var decision = RepairDecisions.RequestApproval(campaign, command, Guid.CreateVersion7(), Guid.CreateVersion7(), clock.GetUtcNow());
        var streams = new WorkflowStreams(session, campaignStream);
        return await CommitAsync(session, finding, campaign.Id, decision, dryRun, () => streams.Append(decision.Events), cancellation);
    }

    public static async Task<RepairOutcome> Handle(UnlinkOrphanedEnrollment command, IDocumentSession session, TimeProvider clock, bool dryRun,
        CancellationToken cancellation)
    {
        const string finding = FindingKinds.OrphanedEnrollment;
        var enrollmentStream = await session.Events.FetchForWriting<EnrollmentState>(command.EnrollmentId, cancellation);
        if (enrollmentStream.Aggregate is not { } enrollment)
        {
            return RepairOutcome.Refused(finding, command.EnrollmentId, DomainError.NotFound("Enrollment", command.EnrollmentId));
        }

        var programExists = enrollment.ProgramId is not { } programId || await session.Events.FetchStreamStateAsync(programId, cancellation) is not null;
        var campaignExists = enrollment.CampaignId is not { } campaignId || await session.Events.FetchStreamStateAsync(campaignId, cancellation) is not null;
        var decision = RepairDecisions.UnlinkEnrollment(enrollment, programExists, campaignExists, command, clock.GetUtcNow());
        return await CommitAsync(session, finding, enrollment.Id, decision, dryRun, () => enrollmentStream.AppendMany(decision.Events), cancellation);
    }

    private static async Task<RepairOutcome> CommitAsync(IDocumentSession session, string finding, Guid streamId, Decision decision, bool dryRun,
        Action append, CancellationToken cancellation)
    {
        if (decision.Error is { } error)
        {
            return RepairOutcome.Refused(finding, streamId, error);
        }

        if (dryRun || decision.Events.Count == 0)
        {
            return new RepairOutcome(finding, streamId, decision.Events, null, Applied: false);
        }

        append();
        var result = await session.CommitAsync(streamId, cancellation);
        return result.Error is { } conflict
            ? RepairOutcome.Refused(finding, streamId, conflict)
            : new RepairOutcome(finding, streamId, decision.Events, null, Applied: true);
    }
}
