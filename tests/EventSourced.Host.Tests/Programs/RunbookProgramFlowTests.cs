using System.Net;
using EventSourced.Projections.Campaigns;
using EventSourced.Projections.Configuration;
using EventSourced.Projections.Programs;
using EventSourced.Projections.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Programs;

/// <summary>Runbook 000, "Instantiating a Program" then "Creating a Company Campaign", with the runbook's own requests and SQL.</summary>
public sealed class RunbookProgramFlowTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Instantiate_activate_and_deploy_a_program_as_the_runbook_does()
    {
        var template = await fixture.ActiveTemplateAsync("mentorship-tech-workers");
        var group = await fixture.GroupAsync("Syrian refugees in Germany");
        var companyId = Guid.NewGuid();

        // Step 1: Find active template
        var found = await fixture.Host.GetAsync("/templates?category=mentorship&status=active");
        found.Status.ShouldBe(HttpStatusCode.OK);
        found.As<TemplateView[]>().Select(t => t.Id).ShouldBe([template.Id]);

        // Step 2: Create program instance
        var created = await fixture.Host.PostAsync("/programs", $$"""
            {
              "templateId": "{{template.Id}}",
              "name": "Mentorship for Syrian Refugees 2024",
              "beneficiaryGroupId": "{{group.Id}}",
              "configOverrides": {
                "session": {
                  "defaultDurationMinutes": 90
                }
              },
              "tags": ["syrian", "mentorship", "2024"],
              "sdgGoals": [4, 8, 10]
            }
            """);

        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        var program = created.As<ProgramView>();
        created.Location.ShouldBe($"/programs/{program.Id}");
        program.ShouldSatisfyAllConditions(
            p => p.ProgramKey.ShouldBe("mentorship-for-syrian-refugees-2024"),
            p => p.Name.ShouldBe("Mentorship for Syrian Refugees 2024"),
            p => p.TemplateId.ShouldBe(template.Id),
            p => p.TemplateKey.ShouldBe("mentorship-tech-workers"),
            p => p.TemplateVersion.ShouldBe(1),
            p => p.ProgramType.ShouldBe("mentorship"),
            p => p.BeneficiaryGroupId.ShouldBe(group.Id),
            p => p.Status.ShouldBe("draft"),
            p => p.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 90, "recommendedFrequency": "weekly"}}"""),
            p => p.ConfigOverrides.ShouldBeJson("""{"session": {"defaultDurationMinutes": 90}}"""),
            p => p.Tags.ShouldBe(["syrian", "mentorship", "2024"]),
            p => p.SdgGoals.ShouldBe([4, 8, 10]),
            p => p.CreatedAt.ShouldBe(fixture.Clock.Now),
            p => p.UpdatedAt.ShouldBe(fixture.Clock.Now));
        created.Body.ShouldContain("\"programKey\":");

        // Step 3: Activate program
        var activated = await fixture.Host.PutAsync($"/programs/{program.Id}/status", """{"status": "active"}""");

        activated.Status.ShouldBe(HttpStatusCode.OK, activated.Body);
        activated.Body.ShouldBe(created.Body.Replace("\"status\":\"draft\"", "\"status\":\"active\"", StringComparison.Ordinal));
        (await fixture.Host.GetAsync($"/programs/{program.Id}")).Body.ShouldBe(activated.Body);

        // Creating a Company Campaign
        var campaignResponse = await fixture.Host.PostAsync("/campaigns", $$"""
            {
              "programId": "{{program.Id}}",
              "companyId": "{{companyId}}",
              "name": "Acme Corp Mentorship Campaign",
              "targetEnrollment": 100,
              "maxEnrollment": 150,
              "configOverrides": {
                "session": {
                  "defaultDurationMinutes": 45
                }
              }
            }
            """);

        campaignResponse.Status.ShouldBe(HttpStatusCode.Created, campaignResponse.Body);
        var campaign = campaignResponse.As<CampaignView>();
        campaignResponse.Location.ShouldBe($"/campaigns/{campaign.Id}");
        campaign.ShouldSatisfyAllConditions(
            c => c.ProgramId.ShouldBe(program.Id),
            c => c.CompanyId.ShouldBe(companyId),
            c => c.Name.ShouldBe("Acme Corp Mentorship Campaign"),
            c => c.TargetEnrollment.ShouldBe(100),
            c => c.MaxEnrollment.ShouldBe(150),
            c => c.Budget.ShouldBeNull(),
            c => c.StartDate.ShouldBeNull(),
            c => c.EndDate.ShouldBeNull(),
            c => c.Status.ShouldBe("draft"),
            c => c.TemplateId.ShouldBe(template.Id),
            c => c.TemplateVersion.ShouldBe(1),
            c => c.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 45, "recommendedFrequency": "weekly"}}"""),
            c => c.ConfigOverrides.ShouldBeJson("""{"session": {"defaultDurationMinutes": 45}}"""),
            c => c.CreatedAt.ShouldBe(fixture.Clock.Now));
        (await fixture.Host.GetAsync($"/campaigns/{campaign.Id}")).Body.ShouldBe(campaignResponse.Body);

        // Where each value of the campaign's configuration comes from
        var campaignConfigResponse = await fixture.Host.GetAsync($"/campaigns/{campaign.Id}/config");
        campaignConfigResponse.Status.ShouldBe(HttpStatusCode.OK);
        var campaignConfig = campaignConfigResponse.As<ConfigView>();
        campaignConfig.Id.ShouldBe(campaign.Id);
        campaignConfig.TemplateId.ShouldBe(template.Id);
        campaignConfig.TemplateVersion.ShouldBe(1);
        campaignConfig.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 45, "recommendedFrequency": "weekly"}}""");
        campaignConfig.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value.Describe()}").ShouldBe([
            "session.defaultDurationMinutes = campaign: 45 > program: 90 > template v1: 60",
            "session.recommendedFrequency = template v1: \"weekly\"",
        ]);
        campaignConfig.Layers.Select(l => l.Source).ShouldBe(["template v1", "program", "campaign"]);
        campaignConfigResponse.Body.ShouldContain("\"session.defaultDurationMinutes\":{\"source\":\"campaign\"");

        // ... and of the program's
        var programConfigResponse = await fixture.Host.GetAsync($"/programs/{program.Id}/config");
        programConfigResponse.Status.ShouldBe(HttpStatusCode.OK);
        var programConfig = programConfigResponse.As<ConfigView>();
        programConfig.Id.ShouldBe(program.Id);
        programConfig.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 90, "recommendedFrequency": "weekly"}}""");
        programConfig.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value.Describe()}").ShouldBe([
            "session.defaultDurationMinutes = program: 90 > template v1: 60",
            "session.recommendedFrequency = template v1: \"weekly\"",
        ]);
        programConfig.Layers.Select(l => l.Source).ShouldBe(["template v1", "program"]);

        // The runbook's SQL: active programs by program_type (the template's category), and the campaign's stored config
        var activeMentorship = await Sql.QueryAsync(fixture.ConnectionString,
            "SELECT id, name, status FROM programs WHERE program_type = 'mentorship' AND status = 'active'");
        activeMentorship.Select(r => (r["id"], r["name"], r["status"])).ShouldBe([(program.Id, "Mentorship for Syrian Refugees 2024", "active")]);
        var typeMatchesCategory = await Sql.QueryAsync(fixture.ConnectionString,
            $"SELECT p.program_type, pt.category FROM programs p JOIN program_templates pt ON pt.id = p.template_id WHERE p.id = '{program.Id}'");
        typeMatchesCategory.Single()["program_type"].ShouldBe(typeMatchesCategory.Single()["category"]);
        typeMatchesCategory.Single()["program_type"].ShouldBe("mentorship");
        var stored = await Sql.QueryAsync(fixture.ConnectionString,
            "SELECT id, program_id, company_id, config->'session'->>'defaultDurationMinutes' AS duration FROM program_campaigns " +
            "WHERE config->'session'->>'defaultDurationMinutes' = '45'");
        stored.Select(r => (r["id"], r["program_id"], r["company_id"], r["duration"])).ShouldBe([(campaign.Id, program.Id, companyId, "45")]);
    }

    [Fact]
    public async Task Config_validation_fails_as_the_runbook_troubleshooting_describes()
    {
        var template = await fixture.ActiveTemplateAsync("coaching-troubleshooting", category: "coaching");
        var group = await fixture.GroupAsync();
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/programs",
            ProgramRequests.Create(template.Id, group.Id, "Too Long Sessions", """{"session": {"defaultDurationMinutes": 500}}"""));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Config validation failed");
        response.Problem.Status.ShouldBe(400);
        response.ErrorLines().ShouldBe(["config.session.defaultDurationMinutes: must be at most 120 (rule: maximum); value from program"]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);

        // Investigation: the template's schema is what the overrides were checked against.
        var schema = (await fixture.Host.GetAsync($"/templates/{template.Id}")).Template.ConfigSchema;
        schema.GetProperty("properties").GetProperty("session").GetProperty("properties").GetProperty("defaultDurationMinutes")
            .GetProperty("maximum").GetInt32().ShouldBe(120);
    }
}
