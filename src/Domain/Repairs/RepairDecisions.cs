using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Repairs.Commands;
using EventSourced.Domain.Repairs.Events;

namespace EventSourced.Domain.Repairs;

/// <summary>
/// Compensating decisions for the integrity check's domain findings. Each is pure: given the streams' state it returns
/// the events that repair the finding, plus a <see cref="RepairRecorded"/> naming the operator and the reason. When
/// the finding no longer holds (already repaired, or fixed by a normal command since the check) it returns no events,
/// so running a repair twice appends nothing the second time.
/// </summary>
public static class RepairDecisions
{
    public const string NotRepairable = "Finding does not hold";

    public static Decision ReleaseReservation(ReservationState reservation, ApprovalState? approval, ReleaseDanglingReservation command,
        DateTimeOffset now)
    {
        if (Invalid(command.Repair) is { } invalid)
        {
            return invalid;
        }

        if (reservation.Status != ReservationStatus.Reserved)
        {
            return Decision.Accept();
        }

        if (approval is { Status: not ApprovalStatus.Rejected })
        {
            return DomainError.Conflict(NotRepairable,
                $"Reservation {reservation.Id} belongs to approval {approval.Id}, which is {WireNames.Of(approval.Status)}, not rejected; " +
                "it is not dangling.");
        }

        var (operatorId, reason) = Normalized(command.Repair);
        return Decision.Accept(
            new ReservationReleased(reservation.Id, $"repair by {operatorId}: {reason}", now),
            new RepairRecorded(reservation.Id, FindingKinds.DanglingReservation, reason, operatorId, now));
    }

    /// <param name="orderExists">Whether the order stream the approval names already exists.</param>
    public static Decision CreateOrder(ApprovalState approval, ReservationState reservation, CampaignState campaign, bool orderExists,
        CreateMissingOrder command, DateTimeOffset now)
    {
        if (Invalid(command.Repair) is { } invalid)
        {
            return invalid;
        }

        if (approval.Status != ApprovalStatus.Approved || approval.OrderId is not { } orderId)
        {
            return DomainError.Conflict(NotRepairable, $"Approval {approval.Id} is {WireNames.Of(approval.Status)}, not approved; it needs no order.");
        }

        if (orderExists)
        {
            return Decision.Accept();
        }

        var (operatorId, reason) = Normalized(command.Repair);
        var events = new List<object>
        {
            new OrderCreated(orderId, campaign.Id, approval.Id, reservation.Id, reservation.Seats, reservation.Budget, now),
        };
        if (reservation.Status == ReservationStatus.Reserved)
        {
            events.Add(new ReservationConverted(reservation.Id, orderId, now));
        }

        if (campaign.Status != CampaignStatus.Won)
        {
            events.Add(new CampaignWon(campaign.Id, approval.Id, orderId, now));
        }

        events.Add(new RepairRecorded(approval.Id, FindingKinds.ApprovalWithoutOrder, reason, operatorId, now));
        return Decision.Accept(events);
    }

    /// <param name="approvalId">Id for the approval to open.</param>
    /// <param name="reservationId">Id for the reservation to place with it.</param>
    public static Decision RequestApproval(CampaignState campaign, RequestMissingApproval command, Guid approvalId, Guid reservationId,
        DateTimeOffset now)
    {
        if (Invalid(command.Repair) is { } invalid)
        {
            return invalid;
        }

        if (campaign.Probability < ApprovalWorkflow.Threshold || campaign.Status == CampaignStatus.Won ||
            campaign.ApprovalStatus is ApprovalStatus.Pending or ApprovalStatus.Approved)
        {
            return Decision.Accept();
        }

        // A rejection restores the probability from before the crossing; without a recorded crossing, just below the threshold.
        var before = campaign.ProbabilityBeforeCrossing ?? ApprovalWorkflow.Threshold - 1;
        var (operatorId, reason) = Normalized(command.Repair);
        return Decision.Accept(
            new ApprovalRequested(approvalId, campaign.Id, reservationId, before, campaign.Probability, now),
            new InventoryReserved(reservationId, campaign.Id, approvalId, campaign.MaxEnrollment, campaign.Budget, campaign.StartDate,
                campaign.EndDate, now),
            new CampaignApprovalRequested(campaign.Id, approvalId, reservationId, before, now),
            new RepairRecorded(campaign.Id, FindingKinds.CampaignWithoutApproval, reason, operatorId, now));
    }

    /// <param name="programExists">Whether the enrollment's program has a stream (ignored when it has no program).</param>
    /// <param name="campaignExists">Whether the enrollment's campaign has a stream (ignored when it has no campaign).</param>
    public static Decision UnlinkEnrollment(EnrollmentState enrollment, bool programExists, bool campaignExists, UnlinkOrphanedEnrollment command,
        DateTimeOffset now)
    {
        if (Invalid(command.Repair) is { } invalid)
        {
            return invalid;
        }

        var missingProgram = enrollment.ProgramId is { } programId && !programExists ? programId : (Guid?)null;
        var missingCampaign = enrollment.CampaignId is { } campaignId && !campaignExists ? campaignId : (Guid?)null;
        if (missingProgram is null && missingCampaign is null)
        {
            return Decision.Accept();
        }

        var (operatorId, reason) = Normalized(command.Repair);
        return Decision.Accept(
            new EnrollmentUnlinked(enrollment.Id, missingProgram, missingCampaign, now),
            new RepairRecorded(enrollment.Id, FindingKinds.OrphanedEnrollment, reason, operatorId, now));
    }

    private static DomainError? Invalid(Repair repair)
    {
        var errors = RepairValidator.Instance.Validate(repair).ToFieldErrors().ToArray();
        return errors.Length > 0 ? DomainError.Validation(errors) : null;
    }

    private static (string OperatorId, string Reason) Normalized(Repair repair) => (repair.OperatorId!.Trim(), repair.Reason!.Trim());
}
