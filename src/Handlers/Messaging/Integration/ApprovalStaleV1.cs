using EventSourced.Domain.Approvals.Reminders;
using Wolverine.Attributes;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary>
/// <c>approval.stale</c>: an approval has waited longer than the stale-approval policy allows (runbook 002's pending approvals
/// that pile up); sent again every <c>RemindEvery</c> while it stays pending, <c>reminder</c> counting up, so a consumer can
/// escalate on the count. Not derived from a stored event: <c>messageId</c> is derived from (approval, reminder), the same
/// for a reminder sent twice, and <c>streamId</c> is the approval's stream.
/// </summary>
[MessageIdentity(Key, Version = 1)]
public sealed record ApprovalStaleV1(
    Guid MessageId, Guid StreamId, string TenantId, DateTimeOffset RecordedAt,
    Guid ApprovalId, Guid CampaignId, int ProbabilityAfter, DateTimeOffset RequestedAt, double PendingForHours, int Reminder,
    DateTimeOffset? NextReminderAt) : IIntegrationEvent
{
    public const string Key = "approval.stale";

    public string RoutingKey => Key;

    public static ApprovalStaleV1 From(ReminderDecision.Remind remind, string tenantId, DateTimeOffset now) =>
        new(DerivedMessageId.From(remind.Approval.Id, $"{Key}/{remind.Reminder}"), remind.Approval.Id, tenantId, now,
            remind.Approval.Id, remind.Approval.CampaignId, remind.Approval.ProbabilityAfter, remind.Approval.RequestedAt,
            Math.Round(remind.PendingFor.TotalHours, 2), remind.Reminder, remind.NextAt);
}
