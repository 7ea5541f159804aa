using EventSourced.Handlers.Commands;
using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Programs.ProgramScenario;

namespace EventSourced.IntegrationTests.Programs;

/// <summary>Programs stay pinned to their template version until an explicit, re-validated, atomic migration.</summary>
public sealed class MigrationTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    // A version 2 schema that lowers the maximum duration to 60.
    private const string StricterSchema = """
        {"type": "object", "properties": {"session": {"type": "object", "properties": {
          "defaultDurationMinutes": {"type": "integer", "minimum": 15, "maximum": 60}}}}}
        """;

    [Fact]
    public async Task Migration_moves_the_program_and_every_campaign_to_the_new_version_in_one_go()
    {
        var v1 = await db.ActiveTemplateAsync("migrate-ok");
        var program = await db.ActiveProgramAsync(v1, "Migrating program");
        await db.AcceptedAsync(Campaign(program));
        await db.AcceptedAsync(Campaign(program, "{}"));
        var v2 = await NextVersionAsync(v1, Schema);

        await db.AcceptedAsync(new MigrateProgram(program, v2));

        var programRow = (await Sql.QueryAsync(db.ConnectionString,
            $"select template_id, template_version, config->'session'->>'recommendedFrequency' as frequency from programs where id = '{program}'")).Single();
        programRow["template_id"].ShouldBe(v2);
        programRow["template_version"].ShouldBe(2);
        programRow["frequency"].ShouldBe("biweekly");
        var campaignRows = await Sql.QueryAsync(db.ConnectionString,
            $"select id, template_version, config->'session'->>'defaultDurationMinutes' as duration, config->'session'->>'recommendedFrequency' as frequency " +
            $"from program_campaigns where program_id = '{program}' order by id");
        campaignRows.Select(r => (r["template_version"], r["frequency"])).ShouldAllBe(r => (int)r.Item1! == 2 && (string)r.Item2! == "biweekly");
        campaignRows.Select(r => r["duration"]).ShouldBe(["45", "90"], ignoreOrder: true);
    }

    [Fact]
    public async Task Existing_programs_stay_on_the_deprecated_version_until_migrated()
    {
        var v1 = await db.ActiveTemplateAsync("migrate-pinned");
        var program = await db.ActiveProgramAsync(v1, "Pinned program");

        await NextVersionAsync(v1, Schema);

        (await Sql.QueryAsync(db.ConnectionString, $"select template_version from programs where id = '{program}'")).Single()["template_version"].ShouldBe(1);
        var refused = await db.SendAsync(Program(v1, await db.GroupAsync(), "New program on deprecated version"));
        refused.Error!.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("templateId"), e => e.Rule.ShouldBe("active"));
    }

    [Fact]
    public async Task Migration_refused_by_a_campaign_lists_every_error_and_changes_nothing()
    {
        var v1 = await db.ActiveTemplateAsync("migrate-refused");
        var program = await db.ActiveProgramAsync(v1, "Refused program");
        var campaign = await db.AcceptedAsync(Campaign(program, """{"session": {"defaultDurationMinutes": 120}}"""));
        var v2 = await NextVersionAsync(v1, StricterSchema, durationDefault: 30);
        var eventsBefore = await Sql.EventCountAsync(db.ConnectionString);
        var programsBefore = await Sql.TableSnapshotAsync(db.ConnectionString, "programs");
        var campaignsBefore = await Sql.TableSnapshotAsync(db.ConnectionString, "program_campaigns");

        var result = await db.SendAsync(new MigrateProgram(program, v2));

        result.Error.ShouldNotBeNull().Title.ShouldBe(ConfigValidation.Failed);
        result.Error.Errors.Select(e => e.Path).ShouldBe(
            ["config.session.defaultDurationMinutes", $"campaigns[{campaign}].config.session.defaultDurationMinutes"]);
        result.Error.Errors[1].Message.ShouldBe("must be at most 60 (rule: maximum); value from campaign");
        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(eventsBefore);
        (await Sql.TableSnapshotAsync(db.ConnectionString, "programs")).ShouldBe(programsBefore);
        (await Sql.TableSnapshotAsync(db.ConnectionString, "program_campaigns")).ShouldBe(campaignsBefore);
    }

    [Fact]
    public async Task A_campaign_created_while_its_program_migrates_lands_on_the_new_version()
    {
        var v1 = await db.ActiveTemplateAsync("migrate-race");
        var program = await db.ActiveProgramAsync(v1, "Racing program");
        var v2 = await NextVersionAsync(v1, Schema);

        // Both read the program at the same version; the migration commits first or the campaign does. Either way
        // the loser is decided again (campaign) or refused (migration), and no campaign is left on version 1.
        var results = await StreamLock.RaceAsync(db.ConnectionString, program,
            () => db.SendAsync(new MigrateProgram(program, v2)),
            () => db.InvokeAsync<CommandResult>(Campaign(program)));

        var migration = results[0];
        results[1].IsAccepted.ShouldBeTrue();
        if (migration.IsAccepted)
        {
            (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from program_campaigns where program_id = '{program}' and template_version = 1"))
                .ShouldBe(0);
        }
        else
        {
            migration.Error!.Kind.ShouldBe(ErrorKind.Conflict);
            (await db.SendAsync(new MigrateProgram(program, v2))).IsAccepted.ShouldBeTrue();
            (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from program_campaigns where program_id = '{program}' and template_version = 2"))
                .ShouldBe(1);
        }
    }

    // Version 2 of the key, published with deprecatePrevious: its default frequency is "biweekly".
    private async Task<Guid> NextVersionAsync(Guid v1, string schema, int durationDefault = 60)
    {
        var v2 = await db.AcceptedAsync(new CreateTemplateVersion(v1));
        var defaults = $$$"""{"session": {"defaultDurationMinutes": {{{durationDefault}}}, "recommendedFrequency": "biweekly"}}""";
        await db.AcceptedAsync(new UpdateTemplate(v2, "Version 2", null, null, Json(defaults), Json(schema)));
        await db.AcceptedAsync(new PublishTemplate(v2, DeprecatePrevious: true));
        return v2;
    }
}
