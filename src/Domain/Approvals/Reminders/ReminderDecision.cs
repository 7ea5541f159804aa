namespace EventSourced.Domain.Approvals.Reminders;

/// <summary>What a due reminder leads to: nothing (decided or gone), a later check, or a reminder.</summary>
public abstract record ReminderDecision
{
    private ReminderDecision()
    {
    }

    /// <summary>The approval is no longer pending (or does not exist): the reminders stop.</summary>
    public sealed record Stop(string Why) : ReminderDecision;

    /// <summary>Not stale yet (the policy was lengthened since the reminder was scheduled): check again at <paramref name="DueAt"/>.</summary>
    public sealed record NotYet(DateTimeOffset DueAt) : ReminderDecision;

    /// <summary>Remind now: reminder number <paramref name="Reminder"/>, the next one at <paramref name="NextAt"/> (null: none).</summary>
    public sealed record Remind(ApprovalState Approval, int Reminder, TimeSpan PendingFor, DateTimeOffset? NextAt) : ReminderDecision;
}
