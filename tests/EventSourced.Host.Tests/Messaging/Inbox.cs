using EventSourced.Handlers.Approvals.Reminders;
using Wolverine;
using Wolverine.Util;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>
/// Filters for counting Wolverine's inbox (<c>wolverine_incoming_envelopes</c>). The stale-approval reminders are queued by
/// an event subscription at its own pace, after the approval's commit, and one stays scheduled while the approval is pending:
/// not part of what a request or an external event queued, so the counts that check those leave them out.
/// </summary>
internal static class Inbox
{
    public static readonly string ReminderType = typeof(RemindStaleApproval).ToMessageTypeName();

    public static readonly string ExceptReminders = $"message_type <> '{ReminderType}'";

    /// <summary>The same for the envelopes a tracked session saw: a reminder relayed while the session tracked is not the test's.</summary>
    public static IEnumerable<Envelope> WithoutReminders(this IEnumerable<Envelope> envelopes) => envelopes.Where(e => e.Message is not RemindStaleApproval);
}
