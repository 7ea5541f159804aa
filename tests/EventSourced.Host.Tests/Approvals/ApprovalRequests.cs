using System.Net;
using EventSourced.Host.Tests.Campaigns;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Campaigns;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>Request bodies of the 90 % workflow as the runbook (002) and the README write them.</summary>
internal static class ApprovalRequests
{
    /// <summary>Budget and dates for a campaign whose reservation is asserted (the reservation copies them).</summary>
    public const string BudgetAndDates = """ "budget": {"amount": 25000.50, "currency": "EUR"}, "startDate": "2027-01-15", "endDate": "2027-06-30",""";

    /// <summary>The seats a reservation holds: the campaign's maxEnrollment, chosen to differ from every other number around.</summary>
    public const int MaxEnrollment = 40;

    public const int TargetEnrollment = 30;

    public static string Probability(int probability) => $$"""{"probability": {{probability}}}""";

    public static string Approve(string reviewerId = "reviewer-1", string reason = "Budget confirmed") =>
        $$"""{"action": "approve", "reviewerId": "{{reviewerId}}", "reason": "{{reason}}"}""";

    public static string Reject(string reviewerId = "reviewer-1", string reason = "No inventory in Q1") =>
        $$"""{"action": "reject", "reviewerId": "{{reviewerId}}", "reason": "{{reason}}"}""";
}

/// <summary>Arranges workflow states through the API itself, asserting each step succeeded.</summary>
internal static class WorkflowSeed
{
    /// <summary>A fresh campaign (40 seats, 25 000.50 EUR, 2027-01-15 to 2027-06-30) of its own active program, at <paramref name="probability"/>.</summary>
    public static async Task<CampaignView> CampaignAtAsync(this HostFixture fixture, string key, int probability)
    {
        var program = await fixture.ActiveProgramAsync(key);
        var created = await fixture.Host.PostAsync("/campaigns", CampaignRequests.Create(program.Id, Guid.NewGuid(),
            targetEnrollment: ApprovalRequests.TargetEnrollment, maxEnrollment: ApprovalRequests.MaxEnrollment, extra: ApprovalRequests.BudgetAndDates));
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        var campaign = created.As<CampaignView>();
        campaign.Probability.ShouldBe(0);
        return probability == 0 ? campaign : await fixture.ProbabilityAsync(campaign.Id, probability);
    }

    /// <summary>A campaign that crossed 75 → 92 and waits on its (pending) approval.</summary>
    public static async Task<CampaignView> PendingAsync(this HostFixture fixture, string key)
    {
        var campaign = await fixture.CampaignAtAsync(key, 75);
        var crossed = await fixture.ProbabilityAsync(campaign.Id, 92);
        crossed.ApprovalRequestId.ShouldNotBeNull();
        return crossed;
    }

    public static async Task<CampaignView> ProbabilityAsync(this HostFixture fixture, Guid campaignId, int probability)
    {
        var response = await fixture.Host.PutAsync($"/campaigns/{campaignId}/probability", ApprovalRequests.Probability(probability));
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var campaign = response.As<CampaignView>();
        campaign.Probability.ShouldBe(probability);
        return campaign;
    }

    public static async Task<ApprovalView> DecideAsync(this HostFixture fixture, Guid approvalId, string body)
    {
        var response = await fixture.Host.PutAsync($"/approvals/{approvalId}", body);
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return response.As<ApprovalView>();
    }

    public static async Task<CampaignView> CampaignAsync(this HostFixture fixture, Guid campaignId)
    {
        var response = await fixture.Host.GetAsync($"/campaigns/{campaignId}");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return response.As<CampaignView>();
    }

    public static async Task<ApprovalView[]> ApprovalsAsync(this HostFixture fixture, string query)
    {
        var response = await fixture.Host.GetAsync($"/approvals?{query}");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return response.As<ApprovalView[]>();
    }

    public static Task<List<Dictionary<string, object?>>> RowsAsync(this HostFixture fixture, string sql) => Sql.QueryAsync(fixture.ConnectionString, sql);

    /// <summary>The reservations of a campaign, oldest first, with dates and money as text.</summary>
    public static Task<List<Dictionary<string, object?>>> ReservationsAsync(this HostFixture fixture, Guid campaignId) =>
        fixture.RowsAsync(
            "select id, campaign_id, approval_id, seats, budget_amount::text as budget_amount, budget_currency, start_date::text as start_date, " +
            $"end_date::text as end_date, status, order_id, release_reason from inventory_reservations where campaign_id = '{campaignId}' order by created_at, id");

    public static Task<List<Dictionary<string, object?>>> OrdersAsync(this HostFixture fixture, Guid campaignId) =>
        fixture.RowsAsync(
            "select id, campaign_id, approval_id, reservation_id, seats, amount::text as amount, currency, created_at " +
            $"from orders where campaign_id = '{campaignId}' order by created_at, id");

    /// <summary>A campaign's rows of <paramref name="table"/> (one with a <c>campaign_id</c>) as text, to prove nothing changed.</summary>
    public static async Task<string> SnapshotAsync(this HostFixture fixture, string table, Guid campaignId) =>
        string.Join('\n', (await fixture.RowsAsync($"select t::text as row from {table} t where campaign_id = '{campaignId}' order by id"))
            .Select(r => r["row"]));

    public static Task<long> EventsAsync(this HostFixture fixture) => Sql.EventCountAsync(fixture.ConnectionString);

    /// <summary>The runbook's three diagnosis queries (<see cref="WorkflowDiagnosisQueries.All"/>) find nothing in the whole database.</summary>
    public static async Task ShouldPassRunbookDiagnosesAsync(this HostFixture fixture)
    {
        foreach (var (name, sql) in WorkflowDiagnosisQueries.All)
        {
            var rows = await fixture.RowsAsync(sql);
            rows.ShouldBeEmpty($"{name} found: {string.Join("; ", rows.Select(r => string.Join(", ", r.Select(c => $"{c.Key}={c.Value}"))))}");
        }
    }
}
