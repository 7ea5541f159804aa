using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Programs.ProgramScenario;

namespace EventSourced.IntegrationTests.Programs;

/// <summary>beneficiary_groups, programs and program_campaigns, read with the runbook's SQL.</summary>
public sealed class ProgramTablesTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Program_row_has_the_runbook_columns_and_the_merged_config()
    {
        var template = await db.ActiveTemplateAsync("tables-program");
        var group = await db.GroupAsync();
        var id = await db.AcceptedAsync(Program(template, group));

        var row = (await Sql.QueryAsync(db.ConnectionString,
            "select program_key, name, template_id, template_version, program_type, beneficiary_group_id, status, config::text as config, " +
            $"config_overrides::text as config_overrides, tags, sdg_goals, created_at from programs where id = '{id}'")).Single();

        row["program_key"].ShouldBe("mentorship-for-syrian-refugees-2024");
        row["template_id"].ShouldBe(template);
        row["template_version"].ShouldBe(1);
        row["program_type"].ShouldBe("mentorship");
        row["beneficiary_group_id"].ShouldBe(group);
        row["status"].ShouldBe("draft");
        row["config"].ShouldBe("""{"session": {"recommendedFrequency": "weekly", "defaultDurationMinutes": 90}}""");
        row["config_overrides"].ShouldBe("""{"session": {"defaultDurationMinutes": 90}}""");
        row["tags"].ShouldBe(new[] { "syrian", "mentorship", "2024" });
        row["sdg_goals"].ShouldBe(new[] { 4, 8, 10 });
        ((DateTime)row["created_at"]!).ShouldBe(db.Clock.Now.UtcDateTime);
    }

    [Fact]
    public async Task Campaign_row_has_three_layer_config_budget_and_dates()
    {
        var program = await db.ActiveProgramAsync(await db.ActiveTemplateAsync("tables-campaign"), "Campaign table program");
        var id = await db.AcceptedAsync(Campaign(program));

        var row = (await Sql.QueryAsync(db.ConnectionString,
            "select program_id, company_id, name, target_enrollment, max_enrollment, budget_amount, budget_currency, start_date, end_date, " +
            $"status, template_version, config->'session'->>'defaultDurationMinutes' as duration, config->'session'->>'recommendedFrequency' as frequency " +
            $"from program_campaigns where id = '{id}'")).Single();

        row["program_id"].ShouldBe(program);
        row["company_id"].ShouldBe(CompanyId);
        row["target_enrollment"].ShouldBe(100);
        row["max_enrollment"].ShouldBe(150);
        row["budget_amount"].ShouldBe(25000.50m);
        row["budget_currency"].ShouldBe("EUR");
        row["start_date"].ShouldBe(new DateTime(2026, 1, 1));
        row["end_date"].ShouldBe(new DateTime(2026, 6, 30));
        row["status"].ShouldBe("draft");
        row["template_version"].ShouldBe(1);
        row["duration"].ShouldBe("45");
        row["frequency"].ShouldBe("weekly");
    }

    [Fact]
    public async Task Updating_a_campaign_recomputes_its_config()
    {
        var program = await db.ActiveProgramAsync(await db.ActiveTemplateAsync("tables-campaign-update"), "Campaign update program");
        var id = await db.AcceptedAsync(Campaign(program));

        await db.AcceptedAsync(new UpdateCampaign(id, null, null, 200, null, null, null, Json("""{"session": {"recommendedFrequency": "biweekly"}}""")));

        var row = (await Sql.QueryAsync(db.ConnectionString,
            $"select max_enrollment, config::text as config from program_campaigns where id = '{id}'")).Single();
        row["max_enrollment"].ShouldBe(200);
        row["config"].ShouldBe("""{"session": {"recommendedFrequency": "biweekly", "defaultDurationMinutes": 90}}""");
    }

    [Fact]
    public async Task Beneficiary_group_row_and_update()
    {
        var id = await db.AcceptedAsync(new CreateBeneficiaryGroup(" Ukrainian newcomers ", null, "PL", ["refugees", " refugees", "2024"]));
        await db.AcceptedAsync(new UpdateBeneficiaryGroup(id, null, "Arrived since 2022", null, null));

        var row = (await Sql.QueryAsync(db.ConnectionString,
            $"select name, description, region, tags from beneficiary_groups where id = '{id}'")).Single();
        row["name"].ShouldBe("Ukrainian newcomers");
        row["description"].ShouldBe("Arrived since 2022");
        row["region"].ShouldBe("PL");
        row["tags"].ShouldBe(new[] { "refugees", "2024" });
    }

    [Fact]
    public async Task Runbook_dual_write_join_finds_the_template_of_a_program()
    {
        var template = await db.ActiveTemplateAsync("tables-join");
        var program = await db.AcceptedAsync(Program(template, await db.GroupAsync(), "Join program"));

        var row = (await Sql.QueryAsync(db.ConnectionString,
            $"select p.name as program_name, pt.name as template_name from programs p left join program_templates pt on pt.id = p.template_id where p.id = '{program}'")).Single();

        row["program_name"].ShouldBe("Join program");
        row["template_name"].ShouldBe("Tech Worker Mentorship");
    }
}
