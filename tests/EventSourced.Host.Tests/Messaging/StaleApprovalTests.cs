using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Handlers.Messaging.Integration;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>
/// Issue 18, stale approvals (runbook 002: pending approvals pile up): a scheduled Wolverine message per approval reminds
/// once it is older than <c>Workflow:StaleApprovals:StaleAfter</c>, again every <c>RemindEvery</c> while pending, as an
/// <c>approval.stale</c> integration event and the <c>eventsourced_approvals_stale</c> gauge; a decision ends the reminders.
/// </summary>
public sealed partial class StaleApprovalTests(StaleApprovalHostFixture fixture) : IClassFixture<StaleApprovalHostFixture>
{
    [Fact]
    public async Task A_pending_approval_is_reminded_once_stale_and_again_until_it_is_decided()
    {
        await using var consumer = await IntegrationEventConsumer.BindAsync(fixture.AmqpUri);
        var pending = await fixture.PendingAsync(Unique("stale"));
        var approvalId = pending.ApprovalRequestId!.Value;
        var requestedAt = fixture.Clock.Now;

        // Its age is read from the host's clock: two seconds and a half later by that clock, it is stale.
        fixture.Clock.Now = requestedAt + StaleApprovalHostFixture.StaleAfter + TimeSpan.FromMilliseconds(500);
        var received = await consumer.UntilAsync(m => m.Key == ApprovalStaleV1.Key && m.Guid("approvalId") == approvalId && m.Int("reminder") == 2);

        var reminders = received.Where(m => m.Key == ApprovalStaleV1.Key && m.Guid("approvalId") == approvalId).ToArray();
        reminders.Select(m => m.Int("reminder")).ShouldBe([1, 2], "one message per reminder, counting up");
        var first = reminders[0];
        (first.Guid("streamId"), first.Guid("campaignId"), first.Int("probabilityAfter")).ShouldBe((approvalId, pending.Id, 92));
        first.Body.GetProperty("requestedAt").GetDateTimeOffset().ShouldBe(requestedAt);
        first.Body.GetProperty("pendingForHours").GetDouble().ShouldBe(Math.Round(2.5 / 3600, 2));
        first.Body.GetProperty("nextReminderAt").GetDateTimeOffset().ShouldBe(fixture.Clock.Now + TimeSpan.FromSeconds(2));
        // A reminder sent twice carries the same id: derived from (approval, reminder), as documented.
        first.Guid("messageId").ShouldBe(DerivedMessageId.From(approvalId, "approval.stale/1"));
        reminders.Select(m => m.Guid("messageId")).ShouldBeUnique();

        (await StaleGaugeAsync(value => value >= 1)).ShouldBeGreaterThanOrEqualTo(1);
        (await WorkflowHealthStaleAsync()).ShouldBeGreaterThanOrEqualTo(1);

        await fixture.DecideAsync(approvalId, ApprovalRequests.Approve("reviewer-stale", "Finally reviewed"));

        // The next due reminder reads the decision and stops the chain: nothing left scheduled for this approval.
        await Eventually.UntilAsync(() => fixture.Logs.Lines.Any(l => l.Message == $"No more reminders for approval {approvalId}: the approval was approved"),
            "the reminders stopped", TestContext.Current.CancellationToken, PollTimeout);
        (await ScheduledRemindersAsync(approvalId)).ShouldBe(0);
        fixture.Logs.Lines.Count(l => l.Message.StartsWith($"Approval {approvalId} of campaign {pending.Id} has waited for a reviewer since", StringComparison.Ordinal))
            .ShouldBeGreaterThanOrEqualTo(2, "each reminder is logged as a warning too");
    }

    [Fact]
    public async Task An_approval_written_outside_the_handlers_is_reminded_too()
    {
        // Whatever appends approval_requested (a repair from the command line, a backfill, another service on the library) gets
        // reminders: they start from the event log, not from a code path.
        await using var consumer = await IntegrationEventConsumer.BindAsync(fixture.AmqpUri);
        var (approvalId, campaignId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Events.StartStream<ApprovalState>(approvalId,
                new ApprovalRequested(approvalId, campaignId, Guid.CreateVersion7(), 80, 95, fixture.Clock.Now.AddDays(-10)));
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var received = await consumer.UntilAsync(m => m.Key == ApprovalStaleV1.Key && m.Guid("approvalId") == approvalId);

        var reminder = received.First(m => m.Key == ApprovalStaleV1.Key && m.Guid("approvalId") == approvalId);
        (reminder.Int("reminder"), reminder.Guid("campaignId"), reminder.Int("probabilityAfter")).ShouldBe((1, campaignId, 95));
        reminder.Body.GetProperty("pendingForHours").GetDouble().ShouldBeGreaterThanOrEqualTo(240);
    }

    private Task<long> ScheduledRemindersAsync(Guid approvalId) =>
        Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from wolverine_incoming_envelopes " +
            $"where message_type = '{Inbox.ReminderType}' and status <> 'Handled' and position(convert_to('{approvalId}', 'UTF8') in body) > 0");

    private async Task<long> StaleGaugeAsync(Func<long, bool> done)
    {
        long value = -1;
        await Eventually.UntilAsync(async () =>
        {
            var response = await fixture.Host.GetAsync("/metrics");
            var match = StaleGauge().Match(response.Body);
            value = match.Success ? long.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture) : -1;
            return done(value);
        }, "the stale-approvals gauge", TestContext.Current.CancellationToken, PollTimeout);
        return value;
    }

    private async Task<int> WorkflowHealthStaleAsync()
    {
        var response = await fixture.Host.GetAsync("/api/workflow/health");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        using var health = JsonDocument.Parse(response.Body);
        return health.RootElement.GetProperty("checks").GetProperty("workflows").GetProperty("metrics").GetProperty("staleApprovals").GetInt32();
    }

    [GeneratedRegex(@"^eventsourced_approvals_stale(\{[^}]*\})? (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex StaleGauge();
}
