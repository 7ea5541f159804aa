using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Reminders;
using EventSourced.Handlers.Commands;
using EventSourced.Handlers.Messaging.Integration;
using EventSourced.Projections.Observability;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Attributes;

namespace EventSourced.Handlers.Approvals.Reminders;

/// <summary>
/// A due reminder: reads the approval's stream, decides (<see cref="StaleApprovals"/>), and when the approval is still pending
/// past the policy's age logs a warning, publishes <c>approval.stale</c> (to the broker when there is one) and schedules the
/// next reminder, all through the outbox in one transaction with marking this one handled. A decided approval ends its reminders.
/// Scheduled by delay from the decision's clock (not by that clock's time), so a host whose <see cref="TimeProvider"/> differs
/// from the wall clock (a test's fixed clock) waits, instead of finding every reminder already due.
/// </summary>
[Transactional]
public static partial class StaleApprovalHandler
{
    public static async Task Handle(RemindStaleApproval message, IDocumentSession session, IMessageContext bus, StaleApprovalOptions options,
        TimeProvider clock, ILogger<RemindStaleApproval> logger, CancellationToken cancellation)
    {
        var approval = await session.Events.FetchLatest<ApprovalState>(message.ApprovalId, cancellation);
        var now = clock.GetUtcNow();
        var tenant = session.TenantId;
        switch (StaleApprovals.Decide(approval, message.Reminder, options.Policy, now))
        {
            case ReminderDecision.NotYet notYet:
                await bus.ScheduleAsync(message, notYet.DueAt - now, new DeliveryOptions { TenantId = tenant });
                break;

            case ReminderDecision.Remind remind:
                await bus.PublishAsync(ApprovalStaleV1.From(remind, tenant, now));
                if (remind.NextAt is { } next)
                {
                    await bus.ScheduleAsync(message with { Reminder = message.Reminder + 1 }, next - now, new DeliveryOptions { TenantId = tenant });
                }

                AfterCommit.Register(session, () =>
                {
                    EventSourcedMetrics.RecordStaleApprovalReminder();
                    LogStale(logger, remind.Approval.Id, remind.Approval.CampaignId, remind.Approval.RequestedAt, remind.PendingFor.TotalDays,
                        remind.Reminder, tenant);
                });
                break;

            case ReminderDecision.Stop stop:
                LogStopped(logger, message.ApprovalId, stop.Why);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Approval {ApprovalId} of campaign {CampaignId} has waited for a reviewer since {RequestedAt} ({PendingDays:F1} days; reminder {Reminder}, tenant {TenantId})")]
    private static partial void LogStale(ILogger logger, Guid approvalId, Guid campaignId, DateTimeOffset requestedAt, double pendingDays, int reminder,
        string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "No more reminders for approval {ApprovalId}: {Why}")]
    private static partial void LogStopped(ILogger logger, Guid approvalId, string why);
}
