using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;

namespace EventSourced.Domain.Approvals;

/// <summary>
/// The 90 % workflow (runbook 002) as pure decisions. Each returns events for several streams (campaign, approval,
/// reservation, order); the caller appends them all in one transaction, so the workflow is never half applied.
/// </summary>
public static class ApprovalWorkflow
{
    public const int Threshold = 90;
    public const string CampaignIsWon = "Campaign is won";
    public const string ApprovalPending = "Approval pending";
    public const string AlreadyDecided = "Approval already decided";

    /// <param name="workflowEnabled">False when <c>Workflow:Disable90PercentWorkflow</c> is set: the change is recorded, no approval opened.</param>
    /// <param name="approvalId">Id for the approval, should this change open one.</param>
    /// <param name="reservationId">Id for the reservation, should this change open an approval.</param>
    public static Decision ChangeProbability(CampaignState campaign, SetCampaignProbability command, bool workflowEnabled, Guid approvalId,
        Guid reservationId, DateTimeOffset now)
    {
        var errors = SetCampaignProbabilityValidator.Instance.Validate(command).ToFieldErrors().ToArray();
        if (errors.Length > 0)
        {
            return DomainError.Validation(errors);
        }

        var from = campaign.Probability;
        var to = command.Probability!.Value;
        if (to == from)
        {
            return Decision.Accept(); // re-sending the current value changes nothing and opens nothing
        }

        if (campaign.Status == CampaignStatus.Won)
        {
            return DomainError.Conflict(CampaignIsWon, $"Campaign {campaign.Id} was won (order {campaign.OrderId}); its probability stays at 100.");
        }

        if (campaign.ApprovalStatus == ApprovalStatus.Pending && to < Threshold)
        {
            // Dropping below 90 % would leave a reservation for a campaign that no longer qualifies: decide the approval first.
            return DomainError.Conflict(ApprovalPending,
                $"Campaign {campaign.Id} has pending approval {campaign.ApprovalId}; approve or reject it before lowering the probability below {Threshold}.");
        }

        var changed = new CampaignProbabilityChanged(campaign.Id, from, to, now);
        if (!OpensApproval(campaign, from, to, workflowEnabled))
        {
            return Decision.Accept(changed);
        }

        return Decision.Accept(
            changed,
            new ApprovalRequested(approvalId, campaign.Id, reservationId, from, to, now),
            new InventoryReserved(reservationId, campaign.Id, approvalId, campaign.MaxEnrollment, campaign.Budget, campaign.StartDate, campaign.EndDate, now),
            new CampaignApprovalRequested(campaign.Id, approvalId, reservationId, from, now));
    }

    /// <summary>The crossing rule: from below 90 to 90 or more, with the workflow on and no pending or granted approval.</summary>
    public static bool OpensApproval(CampaignState campaign, int from, int to, bool workflowEnabled) =>
        workflowEnabled && from < Threshold && to >= Threshold && campaign.ApprovalStatus is not (ApprovalStatus.Pending or ApprovalStatus.Approved);

    /// <param name="orderId">Id for the order, should the approval be granted.</param>
    public static Decision Decide(ApprovalState approval, CampaignState campaign, ReservationState reservation, DecideApproval command,
        Guid orderId, DateTimeOffset now)
    {
        var errors = DecideApprovalValidator.Instance.Validate(command).ToFieldErrors().ToArray();
        if (errors.Length > 0)
        {
            return DomainError.Validation(errors);
        }

        if (approval.Status != ApprovalStatus.Pending)
        {
            return DomainError.Conflict(AlreadyDecided,
                    $"Approval {approval.Id} was already {WireNames.Of(approval.Status)} by {approval.ReviewerId} at {approval.DecidedAt:O}.")
                with
                {
                    Extensions = new Dictionary<string, object?>
                    {
                        ["currentStatus"] = WireNames.Of(approval.Status),
                        ["reviewerId"] = approval.ReviewerId,
                        ["reason"] = approval.Reason,
                        ["decidedAt"] = approval.DecidedAt,
                    },
                };
        }

        var reviewer = command.ReviewerId!.Trim();
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (command.Approves)
        {
            return Decision.Accept(
                new ApprovalApproved(approval.Id, reviewer, reason, orderId, now),
                new OrderCreated(orderId, campaign.Id, approval.Id, reservation.Id, reservation.Seats, reservation.Budget, now),
                new ReservationConverted(reservation.Id, orderId, now),
                new CampaignWon(campaign.Id, approval.Id, orderId, now));
        }

        return Decision.Accept(
            new ApprovalRejected(approval.Id, reviewer, reason, now),
            new ReservationReleased(reservation.Id, $"approval {approval.Id} rejected" + (reason is null ? string.Empty : $": {reason}"), now),
            new CampaignApprovalRejected(campaign.Id, approval.Id, approval.ProbabilityBefore, now));
    }
}
