using System.Net;
using Alba;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Campaigns;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>The real host started with the runbook's emergency switch <c>DISABLE_90PCT_WORKFLOW=true</c>, on a database of its own.</summary>
public sealed class DisabledWorkflowFixture(PostgresServer server) : IsolatedDatabase(server)
{
    public IAlbaHost Host { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Host = await TestHosts.StartAsync(ConnectionString, new Dictionary<string, string?> { ["DISABLE_90PCT_WORKFLOW"] = "true" });
    }

    public override async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>
/// With the workflow disabled a crossing is recorded and opens nothing, the health check says so, and the runbook's
/// "workflow not triggering at 90 %" query finds exactly that campaign (which also proves the query can find rows).
/// </summary>
public sealed class DisabledWorkflowTests(DisabledWorkflowFixture fixture) : IClassFixture<DisabledWorkflowFixture>
{
    [Fact]
    public async Task A_crossing_is_recorded_without_an_approval_and_the_runbook_query_finds_the_campaign()
    {
        var template = await fixture.Host.PostAsync("/templates", Templates.TemplateRequests.Create("disabled-workflow"));
        template.Status.ShouldBe(HttpStatusCode.Created, template.Body);
        (await fixture.Host.PostAsync($"/templates/{template.Template.Id}/publish", Templates.TemplateRequests.PublishKeepingPrevious))
            .Status.ShouldBe(HttpStatusCode.OK);
        var group = await fixture.Host.PostAsync("/beneficiary-groups", """{"name": "Syrian refugees in Germany", "region": "DE"}""");
        group.Status.ShouldBe(HttpStatusCode.Created, group.Body);
        var program = await fixture.Host.PostAsync("/programs",
            ProgramRequests.Create(template.Template.Id, group.As<Projections.BeneficiaryGroups.BeneficiaryGroupView>().Id, "Disabled workflow"));
        program.Status.ShouldBe(HttpStatusCode.Created, program.Body);
        var programId = program.As<Projections.Programs.ProgramView>().Id;
        (await fixture.Host.PutAsync($"/programs/{programId}/status", ProgramRequests.Status("active"))).Status.ShouldBe(HttpStatusCode.OK);
        var created = await fixture.Host.PostAsync("/campaigns", Campaigns.CampaignRequests.Create(programId, Guid.NewGuid()));
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        var campaignId = created.As<CampaignView>().Id;

        var response = await fixture.Host.PutAsync($"/campaigns/{campaignId}/probability", ApprovalRequests.Probability(95));

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var campaign = response.As<CampaignView>();
        (campaign.Probability, campaign.ApprovalRequestId, campaign.ReservationId).ShouldBe((95, (Guid?)null, (Guid?)null));
        (await Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from campaign_approvals")).ShouldBe(0);
        (await Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from inventory_reservations")).ShouldBe(0);
        (await Sql.QueryAsync(fixture.ConnectionString, WorkflowDiagnosisQueries.CampaignsAboveThresholdWithoutApproval))
            .ShouldHaveSingleItem()["id"].ShouldBe(campaignId);
        (await Sql.QueryAsync(fixture.ConnectionString, WorkflowDiagnosisQueries.OrphanedReservations)).ShouldBeEmpty();
        (await Sql.QueryAsync(fixture.ConnectionString, WorkflowDiagnosisQueries.WonCampaignsWithoutOrder)).ShouldBeEmpty();

        var health = await fixture.Host.GetAsync("/api/workflow/health");
        health.Status.ShouldBe(HttpStatusCode.OK, health.Body);
        health.As<HealthDocument>().ShouldSatisfyAllConditions(
            h => h.Status.ShouldBe("healthy"),
            h => h.Checks.Workflows.Enabled.ShouldBeFalse(),
            h => h.Checks.Workflows.Metrics.ShouldBe(new WorkflowMetrics(0, 0, 0, 0)));
    }

    private sealed record HealthDocument(string Status, HealthChecks Checks);

    private sealed record HealthChecks(WorkflowCheck Workflows);

    private sealed record WorkflowCheck(string Status, bool Enabled, WorkflowMetrics Metrics);
}
