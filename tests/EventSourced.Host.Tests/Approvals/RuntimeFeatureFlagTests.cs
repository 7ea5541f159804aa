using System.Net;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Campaigns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>
/// "Set the flag and the workflow stops" on a running host: the flag is read again when the configuration reloads (an edited
/// appsettings.json does that), not only at startup. A host of its own, since the test changes its configuration.
/// </summary>
public sealed class RuntimeFeatureFlagTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Disabling_the_workflow_in_configuration_stops_the_next_crossing_without_a_restart()
    {
        var before = await CampaignAsync("flag-before");
        (await fixture.Host.PutAsync($"/campaigns/{before}/probability", ApprovalRequests.Probability(95))).As<CampaignView>()
            .ApprovalRequestId.ShouldNotBeNull();

        var configuration = (IConfigurationRoot)fixture.Host.Services.GetRequiredService<IConfiguration>();
        configuration["Workflow:Disable90PercentWorkflow"] = "true";
        configuration.Reload();

        var after = await CampaignAsync("flag-after");
        var response = await fixture.Host.PutAsync($"/campaigns/{after}/probability", ApprovalRequests.Probability(95));
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        (response.As<CampaignView>().ApprovalRequestId, response.As<CampaignView>().Probability).ShouldBe(((Guid?)null, 95));
        var health = await fixture.Host.GetAsync("/health");
        health.Body.ShouldContain("Approval workflow disabled");

        configuration["Workflow:Disable90PercentWorkflow"] = "false";
        configuration.Reload();
        var again = await CampaignAsync("flag-again");
        (await fixture.Host.PutAsync($"/campaigns/{again}/probability", ApprovalRequests.Probability(95))).As<CampaignView>()
            .ApprovalRequestId.ShouldNotBeNull();
    }

    private async Task<Guid> CampaignAsync(string key)
    {
        var template = await fixture.Host.PostAsync("/templates", Templates.TemplateRequests.Create(key));
        template.Status.ShouldBe(HttpStatusCode.Created, template.Body);
        (await fixture.Host.PostAsync($"/templates/{template.Template.Id}/publish", Templates.TemplateRequests.PublishKeepingPrevious))
            .Status.ShouldBe(HttpStatusCode.OK);
        var group = await fixture.Host.PostAsync("/beneficiary-groups", """{"name": "Syrian refugees in Germany", "region": "DE"}""");
        var program = await fixture.Host.PostAsync("/programs",
            ProgramRequests.Create(template.Template.Id, group.As<Projections.BeneficiaryGroups.BeneficiaryGroupView>().Id, $"Program {key}"));
        program.Status.ShouldBe(HttpStatusCode.Created, program.Body);
        var programId = program.As<Projections.Programs.ProgramView>().Id;
        (await fixture.Host.PutAsync($"/programs/{programId}/status", ProgramRequests.Status("active"))).Status.ShouldBe(HttpStatusCode.OK);
        var created = await fixture.Host.PostAsync("/campaigns", Campaigns.CampaignRequests.Create(programId, Guid.NewGuid()));
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return created.As<CampaignView>().Id;
    }
}
