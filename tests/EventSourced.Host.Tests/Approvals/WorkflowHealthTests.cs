using System.Globalization;
using System.Net;
using System.Text.Json;
using EventSourced.Host.Tests.Programs;
using static EventSourced.Host.Tests.Approvals.ApprovalRequests;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>The runbook's <c>/api/workflow/health</c>, on a database of its own so every count is exact.</summary>
public sealed class WorkflowHealthTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Health_reports_the_database_and_the_exact_counts_of_pending_and_decided_approvals()
    {
        var start = fixture.Clock.Now;
        try
        {
            (await HealthAsync()).ShouldBeJson(Expected(start, pending: 0, active: 0, approved: 0, rejected: 0, rate: "null"));

            // Three pending approvals on three campaigns; a campaign below 90 is not counted.
            for (var i = 0; i < 3; i++)
            {
                await fixture.PendingAsync($"health-pending-{i}");
            }

            await fixture.CampaignAtAsync("health-idle", 60);

            // Two approved, one rejected; the rejected campaign crosses again and waits on a fourth pending approval.
            for (var i = 0; i < 2; i++)
            {
                var approving = await fixture.PendingAsync($"health-approved-{i}");
                await fixture.DecideAsync(approving.ApprovalRequestId!.Value, Approve());
            }

            var rejecting = await fixture.PendingAsync("health-rejected");
            await fixture.DecideAsync(rejecting.ApprovalRequestId!.Value, Reject());
            await fixture.ProbabilityAsync(rejecting.Id, 95);

            (await HealthAsync()).ShouldBeJson(Expected(start, pending: 4, active: 4, approved: 2, rejected: 1, rate: "66.7"));
            await fixture.ShouldPassRunbookDiagnosesAsync();

            // Six days later the decisions still count; eight days later only the pending approvals do, and they are stale (7 days).
            fixture.Clock.Now = start.AddDays(6);
            (await HealthAsync()).ShouldBeJson(Expected(start.AddDays(6), pending: 4, active: 4, approved: 2, rejected: 1, rate: "66.7"));
            fixture.Clock.Now = start.AddDays(8);
            (await HealthAsync()).ShouldBeJson(Expected(start.AddDays(8), pending: 4, active: 4, approved: 0, rejected: 0, rate: "null", stale: 4));

            // A decision today, with older ones outside the window: 1 of 1 approved.
            var pending = await fixture.ApprovalsAsync("status=pending");
            await fixture.DecideAsync(pending[0].Id, Approve());
            (await HealthAsync()).ShouldBeJson(Expected(start.AddDays(8), pending: 3, active: 3, approved: 1, rejected: 0, rate: "100", stale: 3));
            await fixture.DecideAsync(pending[1].Id, Reject());
            await fixture.DecideAsync(pending[2].Id, Reject());
            (await HealthAsync()).ShouldBeJson(Expected(start.AddDays(8), pending: 1, active: 1, approved: 1, rejected: 2, rate: "33.3", stale: 1));
            await fixture.ShouldPassRunbookDiagnosesAsync();
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    private async Task<JsonElement> HealthAsync()
    {
        var response = await fixture.Host.GetAsync("/api/workflow/health");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.Clone();
    }

    /// <summary>The whole document: no member more or less than the runbook's.</summary>
    private static string Expected(DateTimeOffset now, int pending, int active, int approved, int rejected, string rate, int stale = 0) => $$"""
        {"status": "healthy", "timestamp": "{{now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}",
         "checks": {"database": {"status": "healthy"},
                    "workflows": {"status": "healthy", "enabled": true,
                                  "metrics": {"pendingApprovals": {{pending}}, "activeWorkflows": {{active}},
                                              "approvedLast7Days": {{approved}}, "rejectedLast7Days": {{rejected}}, "staleApprovals": {{stale}},
                                              "decidedLast7Days": {{approved + rejected}}, "approvalRate": {{rate}} } } } }
        """;
}
