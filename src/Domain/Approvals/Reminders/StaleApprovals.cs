namespace EventSourced.Domain.Approvals.Reminders;

/// <summary>The stale-approval reminder's decision: pure, from the approval's state, the reminder's number, the policy and the time.</summary>
public static class StaleApprovals
{
    public static ReminderDecision Decide(ApprovalState? approval, int reminder, StaleApprovalPolicy policy, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reminder, 1);
        if (approval is null)
        {
            return new ReminderDecision.Stop("the approval does not exist");
        }

        if (approval.Status != ApprovalStatus.Pending)
        {
            return new ReminderDecision.Stop($"the approval was {approval.Status.ToString().ToLowerInvariant()}");
        }

        var staleAt = policy.StaleAt(approval.RequestedAt);
        if (now < staleAt)
        {
            return new ReminderDecision.NotYet(staleAt);
        }

        // The next one counts from now, not from the request: an approval found long overdue (a first deployment, a node that
        // was down) is reminded once, not once per missed interval.
        DateTimeOffset? next = policy.RemindEvery is { } every && every > TimeSpan.Zero ? now + every : null;
        return new ReminderDecision.Remind(approval, reminder, now - approval.RequestedAt, next);
    }
}
