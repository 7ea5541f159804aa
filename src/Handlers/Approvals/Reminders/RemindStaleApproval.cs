using Wolverine.Attributes;

namespace EventSourced.Handlers.Approvals.Reminders;

/// <summary>
/// The scheduled message of one approval's reminders: number <paramref name="Reminder"/> is handled when due, and schedules
/// the next while the approval stays pending. Stored in Wolverine's durable inbox (scheduled envelopes in PostgreSQL), so a
/// reminder survives restarts and is handled by whichever node's durability agent finds it due.
/// </summary>
[MessageIdentity(WireName, Version = 1)]
public sealed record RemindStaleApproval(Guid ApprovalId, int Reminder)
{
    public const string WireName = "eventsourced.remind-stale-approval";
}
