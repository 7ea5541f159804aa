using System.Net;
using EventSourced.Projections.Campaigns;
using EventSourced.Projections.Configuration;
using EventSourced.Projections.Programs;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Programs.ProgramRequests;

namespace EventSourced.Host.Tests.Programs;

/// <summary>Runbook 000, "Template Versioning": existing programs stay on their version until migrated (opt-in, with their campaigns).</summary>
public sealed class MigrateProgramTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    /// <summary>v2: new defaults (shorter sessions, another frequency, a new field) and a lower ceiling of 100 minutes.</summary>
    private const string V2Update = $$"""
        {
          "name": "Updated Template v2",
          "defaultConfig": {"session": {"defaultDurationMinutes": 50, "recommendedFrequency": "biweekly"}, "newField": "newValue"},
          "configSchema": {{SchemaV2}}
        }
        """;

    [Fact]
    public async Task Existing_programs_keep_their_version_after_a_new_one_is_published()
    {
        var program = await fixture.ActiveProgramAsync("migrate-pinned");
        var before = await fixture.Host.GetAsync($"/programs/{program.Id}");
        var v2 = await fixture.NextVersionAsync(program.TemplateId, V2Update);

        var after = await fixture.Host.GetAsync($"/programs/{program.Id}");

        after.Status.ShouldBe(HttpStatusCode.OK);
        after.Body.ShouldBe(before.Body);
        var pinned = after.As<ProgramView>();
        pinned.TemplateId.ShouldBe(program.TemplateId);
        pinned.TemplateVersion.ShouldBe(1);
        pinned.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 90, "recommendedFrequency": "weekly"}}""");
        (await fixture.Host.GetAsync($"/templates/{program.TemplateId}")).Template.ShouldSatisfyAllConditions(
            t => t.Status.ShouldBe("deprecated"), t => t.DeprecatedBy.ShouldBe(v2.Id));

        // A new campaign of the pinned program still builds on v1, and v1's schema (up to 120 minutes) still applies to it.
        var campaign = await fixture.CampaignAsync(program.Id, configOverrides: Duration(110));
        campaign.TemplateId.ShouldBe(program.TemplateId);
        campaign.TemplateVersion.ShouldBe(1);
        campaign.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 110, "recommendedFrequency": "weekly"}}""");
    }

    [Fact]
    public async Task New_programs_use_the_new_version_and_cannot_use_the_deprecated_one()
    {
        var v1 = await fixture.ActiveTemplateAsync("migrate-new-programs");
        var v2 = await fixture.NextVersionAsync(v1.Id, V2Update);
        var group = await fixture.GroupAsync();

        var fromV1 = await fixture.Host.PostAsync("/programs", Create(v1.Id, group.Id, "From v1"));
        var fromV2 = await fixture.Host.PostAsync("/programs", Create(v2.Id, group.Id, "From v2"));

        fromV1.Status.ShouldBe(HttpStatusCode.BadRequest);
        fromV1.Problem.Title.ShouldBe("Validation failed");
        fromV1.ErrorLines().ShouldBe([$"templateId: template '{v1.Id}' is deprecated; programs can only be created from active templates"]);
        fromV2.Status.ShouldBe(HttpStatusCode.Created, fromV2.Body);
        fromV2.As<ProgramView>().ShouldSatisfyAllConditions(
            p => p.TemplateId.ShouldBe(v2.Id),
            p => p.TemplateVersion.ShouldBe(2),
            p => p.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 90, "recommendedFrequency": "biweekly"}, "newField": "newValue"}"""));
    }

    [Fact]
    public async Task Migrating_moves_the_program_and_its_campaigns_to_the_new_version()
    {
        var program = await fixture.ActiveProgramAsync("migrate-ok");
        var campaign = await fixture.CampaignAsync(program.Id);
        var inheriting = await fixture.CampaignAsync(program.Id, configOverrides: """{"session": {"recommendedFrequency": "monthly"}}""");
        var v2 = await fixture.NextVersionAsync(program.TemplateId, V2Update);

        var response = await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", Migrate(v2.Id));

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var migrated = response.As<ProgramView>();
        migrated.ShouldSatisfyAllConditions(
            p => p.Id.ShouldBe(program.Id),
            p => p.TemplateId.ShouldBe(v2.Id),
            p => p.TemplateVersion.ShouldBe(2),
            p => p.TemplateKey.ShouldBe("migrate-ok"),
            p => p.ProgramKey.ShouldBe(program.ProgramKey),
            p => p.Status.ShouldBe("active"),
            p => p.ConfigOverrides.ShouldBeJson(Overrides90),
            p => p.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 90, "recommendedFrequency": "biweekly"}, "newField": "newValue"}"""));
        (await fixture.Host.GetAsync($"/programs/{program.Id}")).Body.ShouldBe(response.Body);

        var programConfig = (await fixture.Host.GetAsync($"/programs/{program.Id}/config")).As<ConfigView>();
        programConfig.TemplateVersion.ShouldBe(2);
        programConfig.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value.Describe()}").ShouldBe([
            "newField = template v2: \"newValue\"",
            "session.defaultDurationMinutes = program: 90 > template v2: 50",
            "session.recommendedFrequency = template v2: \"biweekly\"",
        ]);

        var rebased = (await fixture.Host.GetAsync($"/campaigns/{campaign.Id}")).As<CampaignView>();
        rebased.TemplateId.ShouldBe(v2.Id);
        rebased.TemplateVersion.ShouldBe(2);
        rebased.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 45, "recommendedFrequency": "biweekly"}, "newField": "newValue"}""");
        var rebasedInheriting = (await fixture.Host.GetAsync($"/campaigns/{inheriting.Id}")).As<CampaignView>();
        rebasedInheriting.TemplateVersion.ShouldBe(2);
        rebasedInheriting.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 90, "recommendedFrequency": "monthly"}, "newField": "newValue"}""");
        var campaignConfig = (await fixture.Host.GetAsync($"/campaigns/{campaign.Id}/config")).As<ConfigView>();
        campaignConfig.TemplateId.ShouldBe(v2.Id);
        campaignConfig.Provenance["session.defaultDurationMinutes"].Describe().ShouldBe("campaign: 45 > program: 90 > template v2: 50");
        campaignConfig.Layers.Select(l => l.Source).ShouldBe(["template v2", "program", "campaign"]);

        (await Sql.QueryAsync(fixture.ConnectionString,
                $"select template_version, config->'session'->>'recommendedFrequency' as f from program_campaigns where program_id = '{program.Id}' order by id"))
            .Select(r => (r["template_version"], r["f"])).ShouldBe([(2, "biweekly"), (2, "monthly")], ignoreOrder: true);
        (await Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from mt_events where type = 'campaign_rebased.v1' and stream_id in ('{campaign.Id}', '{inheriting.Id}')")).ShouldBe(2);
        (await Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from mt_events where type = 'program_migrated.v1' and stream_id = '{program.Id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_campaign_updated_after_migration_is_checked_against_the_new_schema()
    {
        var program = await fixture.ActiveProgramAsync("migrate-then-update");
        var campaign = await fixture.CampaignAsync(program.Id);
        var v2 = await fixture.NextVersionAsync(program.TemplateId, V2Update);
        (await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", Migrate(v2.Id))).Status.ShouldBe(HttpStatusCode.OK);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", $$"""{"configOverrides": {{Duration(110)}}}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Config validation failed");
        response.ErrorLines().ShouldBe(["config.session.defaultDurationMinutes: must be at most 100 (rule: maximum); value from campaign"]);
    }

    [Fact]
    public async Task A_campaign_the_new_schema_rejects_refuses_the_whole_migration()
    {
        var program = await fixture.ActiveProgramAsync("migrate-rejected-campaign");
        var fine = await fixture.CampaignAsync(program.Id);
        var tooLong = await fixture.CampaignAsync(program.Id, configOverrides: Duration(110));
        var v2 = await fixture.NextVersionAsync(program.TemplateId, V2Update);
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);
        var programsBefore = await Sql.TableSnapshotAsync(fixture.ConnectionString, "programs");
        var campaignsBefore = await Sql.TableSnapshotAsync(fixture.ConnectionString, "program_campaigns");

        var response = await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", Migrate(v2.Id));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Config validation failed");
        response.ErrorLines().ShouldBe([
            $"campaigns[{tooLong.Id}].config.session.defaultDurationMinutes: must be at most 100 (rule: maximum); value from campaign",
        ]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
        (await Sql.TableSnapshotAsync(fixture.ConnectionString, "programs")).ShouldBe(programsBefore);
        (await Sql.TableSnapshotAsync(fixture.ConnectionString, "program_campaigns")).ShouldBe(campaignsBefore);
        (await fixture.Host.GetAsync($"/programs/{program.Id}")).As<ProgramView>().TemplateVersion.ShouldBe(1);
        (await fixture.Host.GetAsync($"/campaigns/{fine.Id}")).As<CampaignView>().TemplateVersion.ShouldBe(1);
        (await fixture.Host.GetAsync($"/campaigns/{tooLong.Id}")).As<CampaignView>().TemplateVersion.ShouldBe(1);
    }

    [Fact]
    public async Task Program_overrides_the_new_schema_rejects_are_reported_for_the_program_and_each_campaign_inheriting_them()
    {
        var program = await fixture.ActiveProgramAsync("migrate-rejected-program", configOverrides: Duration(110));
        var inheriting = await fixture.CampaignAsync(program.Id, configOverrides: "{}");
        await fixture.CampaignAsync(program.Id); // overrides the duration itself (45): not affected
        var v2 = await fixture.NextVersionAsync(program.TemplateId, V2Update);

        var response = await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", Migrate(v2.Id));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Config validation failed");
        response.ErrorLines().ShouldBe([
            $"campaigns[{inheriting.Id}].config.session.defaultDurationMinutes: must be at most 100 (rule: maximum); value from program",
            "config.session.defaultDurationMinutes: must be at most 100 (rule: maximum); value from program",
        ]);
        (await fixture.Host.GetAsync($"/programs/{program.Id}")).As<ProgramView>().TemplateVersion.ShouldBe(1);
    }

    [Fact]
    public async Task The_target_must_be_a_newer_active_version_of_the_same_key()
    {
        var program = await fixture.ActiveProgramAsync("migrate-targets");
        var v1 = program.TemplateId;
        var draftV2 = await fixture.NextVersionAsync(v1, V2Update, publish: false);
        var otherKey = await fixture.ActiveTemplateAsync("migrate-targets-other");
        var unknown = Guid.NewGuid();

        (await MigrateErrorAsync(program.Id, v1)).ShouldBe("templateId: must be newer than the program's version 1 (it is version 1)");
        (await MigrateErrorAsync(program.Id, draftV2.Id))
            .ShouldBe($"templateId: template '{draftV2.Id}' is draft; programs can only migrate to active templates");
        (await MigrateErrorAsync(program.Id, otherKey.Id))
            .ShouldBe("templateId: must be a version of the program's template 'migrate-targets', not 'migrate-targets-other'");
        (await MigrateErrorAsync(program.Id, unknown)).ShouldBe($"templateId: no template with id '{unknown}'");

        // Once on v2, going back to v1 is refused too.
        await fixture.Host.PostAsync($"/templates/{draftV2.Id}/publish", Templates.TemplateRequests.PublishDeprecatingPrevious);
        (await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", Migrate(draftV2.Id))).Status.ShouldBe(HttpStatusCode.OK);
        (await MigrateErrorAsync(program.Id, v1)).ShouldBe("templateId: must be newer than the program's version 2 (it is version 1)");
        (await MigrateErrorAsync(program.Id, draftV2.Id)).ShouldBe("templateId: must be newer than the program's version 2 (it is version 2)");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"templateId": null}""")]
    [InlineData("""{"templateId": "00000000-0000-0000-0000-000000000000"}""")]
    public async Task A_missing_templateId_is_a_400_naming_it(string body)
    {
        var program = await fixture.ActiveProgramAsync($"migrate-missing-{Guid.NewGuid():N}");

        var response = await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.ShouldBe(["templateId"]);
    }

    [Theory]
    [InlineData("null", "Invalid request body")]
    [InlineData("""{"templateId": "template-uuid"}""", "$.templateId")]
    [InlineData("""{"template": "x"}""", "template")]
    public async Task A_malformed_body_is_a_400(string body, string mentioned)
    {
        var program = await fixture.ActiveProgramAsync($"migrate-malformed-{Guid.NewGuid():N}");

        var response = await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Body.ShouldContain(mentioned);
    }

    [Fact]
    public async Task An_archived_program_cannot_be_migrated()
    {
        var program = await fixture.ActiveProgramAsync("migrate-archived");
        var v2 = await fixture.NextVersionAsync(program.TemplateId, V2Update);
        await fixture.StatusAsync(program.Id, "archived");

        var response = await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", Migrate(v2.Id));

        response.Status.ShouldBe(HttpStatusCode.Conflict);
        response.Problem.Title.ShouldBe("Archived programs cannot be migrated");
        response.Problem.Detail.ShouldBe($"Program {program.Id} is archived.");
        (await fixture.Host.GetAsync($"/programs/{program.Id}")).As<ProgramView>().TemplateVersion.ShouldBe(1);
    }

    [Fact]
    public async Task A_draft_program_can_be_migrated()
    {
        var template = await fixture.ActiveTemplateAsync("migrate-draft-program");
        var group = await fixture.GroupAsync();
        var program = await fixture.ProgramAsync(template.Id, group.Id, "Draft program");
        var v2 = await fixture.NextVersionAsync(template.Id, V2Update);

        var response = await fixture.Host.PostAsync($"/programs/{program.Id}/migrate", Migrate(v2.Id));

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        response.As<ProgramView>().ShouldSatisfyAllConditions(p => p.Status.ShouldBe("draft"), p => p.TemplateVersion.ShouldBe(2));
    }

    [Fact]
    public async Task An_unknown_program_is_a_404()
    {
        var v1 = await fixture.ActiveTemplateAsync("migrate-unknown-program");

        var response = await fixture.Host.PostAsync($"/programs/{Guid.NewGuid()}/migrate", Migrate(v1.Id));

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Program not found");
    }

    [Fact]
    public async Task After_migrating_the_program_type_still_matches_its_templates_category()
    {
        // Runbook: "programType matches template.category". A draft version may change its category; migrating a program to it
        // is refused, so programs.program_type never disagrees with its template (and legacy enrollments keep matching).
        var program = await fixture.ActiveProgramAsync("migrate-category");
        var v2 = await fixture.NextVersionAsync(program.TemplateId, """{"category": "upskilling"}""");

        (await MigrateErrorAsync(program.Id, v2.Id)).ShouldBe(
            "templateId: must keep the program's category 'mentorship' (version 2 is 'upskilling'); create a new program instead");

        var current = (await fixture.Host.GetAsync($"/programs/{program.Id}")).As<ProgramView>();
        var template = (await fixture.Host.GetAsync($"/templates/{current.TemplateId}")).Template;
        current.ProgramType.ShouldBe(template.Category);
        (await Sql.ScalarAsync(fixture.ConnectionString,
            "select count(*) from programs p join program_templates pt on pt.id = p.template_id where p.program_type <> pt.category")).ShouldBe(0);
    }

    private async Task<string> MigrateErrorAsync(Guid programId, Guid templateId)
    {
        var response = await fixture.Host.PostAsync($"/programs/{programId}/migrate", Migrate(templateId));
        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Validation failed");
        return response.ErrorLines().ShouldHaveSingleItem();
    }
}
