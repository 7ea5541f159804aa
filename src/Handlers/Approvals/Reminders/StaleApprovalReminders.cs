using EventSourced.Domain.Approvals.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace EventSourced.Handlers.Approvals.Reminders;

/// <summary>
/// Starts an approval's reminders from the event log: a Marten subscription (Wolverine's <c>PublishEventsToWolverine</c>) turns
/// every committed <c>approval_requested</c> into a <see cref="RemindStaleApproval"/> through the durable outbox, in the
/// transaction that records the subscription's progress. So every approval gets its reminders exactly once whichever code
/// path requested it (the 90 % crossing, a campaign update, the integrity repair run from the command line), and approvals
/// requested before the subscription existed are picked up from the start of the log. The first message is handled at once
/// and reschedules itself for when the approval turns stale (<see cref="StaleApprovalHandler"/>), so the policy is read when
/// handling, never frozen into the log's relay. Needs Wolverine's managed subscription distribution (one node runs it).
/// </summary>
public static class StaleApprovalReminders
{
    public const string SubscriptionName = "stale-approval-reminders";

    public static MartenServiceCollectionExtensions.MartenConfigurationExpression ScheduleStaleApprovalReminders(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.PublishEventsToWolverine(SubscriptionName, relay => relay.PublishEvent<ApprovalRequested>((e, bus) =>
            bus.PublishAsync(new RemindStaleApproval(e.Data.ApprovalId, Reminder: 1), new DeliveryOptions { TenantId = e.TenantId })));
}
