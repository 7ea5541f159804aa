using System.Net;
using EventSourced.Projections.Programs;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Programs.ProgramRequests;

namespace EventSourced.Host.Tests.Programs;

public sealed class CreateProgramTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_name_already_used_gets_the_next_free_numeric_suffix()
    {
        var template = await fixture.ActiveTemplateAsync("create-collision");
        var group = await fixture.GroupAsync();

        var first = await fixture.ProgramAsync(template.Id, group.Id, "Coding Club Berlin");
        var second = await fixture.ProgramAsync(template.Id, group.Id, "Coding Club Berlin");
        var third = await fixture.ProgramAsync(template.Id, group.Id, "coding club, Berlin!");

        first.ProgramKey.ShouldBe("coding-club-berlin");
        second.ProgramKey.ShouldBe("coding-club-berlin-2");
        third.ProgramKey.ShouldBe("coding-club-berlin-3");
        second.Name.ShouldBe("Coding Club Berlin");
        (await Sql.QueryAsync(fixture.ConnectionString, "select program_key from programs where program_key like 'coding-club-berlin%' order by program_key"))
            .Select(r => r["program_key"]).ShouldBe(["coding-club-berlin", "coding-club-berlin-2", "coding-club-berlin-3"]);
    }

    [Fact]
    public async Task Without_overrides_the_config_is_the_templates_defaults()
    {
        var template = await fixture.ActiveTemplateAsync("create-no-overrides");
        var group = await fixture.GroupAsync();

        var response = await fixture.Host.PostAsync("/programs", $$"""
            {"templateId": "{{template.Id}}", "name": "Plain Defaults", "beneficiaryGroupId": "{{group.Id}}"}
            """);

        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        var program = response.As<ProgramView>();
        program.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 60, "recommendedFrequency": "weekly"}}""");
        program.ConfigOverrides.ShouldBeJson("{}");
        program.Tags.ShouldBeEmpty();
        program.SdgGoals.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_template_and_group_are_named_in_one_400()
    {
        var templateId = Guid.NewGuid();
        var groupId = Guid.NewGuid();

        var response = await fixture.Host.PostAsync("/programs", Create(templateId, groupId, "Nowhere"));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.ErrorLines().ShouldBe([
            $"beneficiaryGroupId: no beneficiary group with id '{groupId}'",
            $"templateId: no template with id '{templateId}'",
        ]);
    }

    [Fact]
    public async Task A_draft_template_is_refused_naming_templateId()
    {
        var draft = (await fixture.Host.PostAsync("/templates", Templates.TemplateRequests.Create("create-from-draft", Schema))).Template;
        var group = await fixture.GroupAsync();

        var response = await fixture.Host.PostAsync("/programs", Create(draft.Id, group.Id, "From a draft"));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.ErrorLines().ShouldBe([$"templateId: template '{draft.Id}' is draft; programs can only be created from active templates"]);
    }

    [Fact]
    public async Task A_deprecated_template_is_refused_naming_templateId()
    {
        var v1 = await fixture.ActiveTemplateAsync("create-from-deprecated");
        await fixture.NextVersionAsync(v1.Id, """{"name": "v2"}""");
        var group = await fixture.GroupAsync();

        var response = await fixture.Host.PostAsync("/programs", Create(v1.Id, group.Id, "From a deprecated template"));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.ErrorLines().ShouldBe([$"templateId: template '{v1.Id}' is deprecated; programs can only be created from active templates"]);
    }

    [Fact]
    public async Task Missing_ids_and_name_are_each_named()
    {
        var response = await fixture.Host.PostAsync("/programs", """
            {"templateId": "00000000-0000-0000-0000-000000000000", "name": "  "}
            """);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(["beneficiaryGroupId", "name", "templateId"]);
    }

    [Theory]
    [InlineData("[0, 4, 18]", new[] { "sdgGoals[0]", "sdgGoals[2]" })]
    [InlineData("[4, 8, 4]", new[] { "sdgGoals" })]
    [InlineData("[17, -1, 17]", new[] { "sdgGoals", "sdgGoals[1]" })]
    public async Task Sdg_goals_must_be_distinct_numbers_from_1_to_17(string sdgGoals, string[] keys)
    {
        var template = await fixture.ActiveTemplateAsync($"create-sdg-{Guid.NewGuid():N}");
        var group = await fixture.GroupAsync();

        var response = await fixture.Host.PostAsync("/programs", Create(template.Id, group.Id, "Goals", sdgGoals: sdgGoals));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(keys);
    }

    [Fact]
    public async Task Sdg_goals_are_stored_in_order()
    {
        var template = await fixture.ActiveTemplateAsync("create-sdg-order");
        var group = await fixture.GroupAsync();

        var response = await fixture.Host.PostAsync("/programs", Create(template.Id, group.Id, "Ordered goals", sdgGoals: "[17, 1, 10]"));

        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        response.As<ProgramView>().SdgGoals.ShouldBe([1, 10, 17]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"90 minutes\"")]
    [InlineData("42")]
    public async Task Config_overrides_must_be_an_object(string configOverrides)
    {
        var template = await fixture.ActiveTemplateAsync($"create-overrides-{Guid.NewGuid():N}");
        var group = await fixture.GroupAsync();

        var response = await fixture.Host.PostAsync("/programs", Create(template.Id, group.Id, "Odd overrides", configOverrides));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.ShouldBe(["configOverrides"]);
    }

    [Theory]
    [InlineData("""{"session": {"defaultDurationMinutes": 121}}""", "config.session.defaultDurationMinutes: must be at most 120 (rule: maximum); value from program")]
    [InlineData("""{"session": {"defaultDurationMinutes": 5}}""", "config.session.defaultDurationMinutes: must be at least 15 (rule: minimum); value from program")]
    [InlineData("""{"session": {"defaultDurationMinutes": "ninety"}}""", "config.session.defaultDurationMinutes: must be of type integer (rule: type); value from program")]
    [InlineData("""{"session": {"recommendedFrequency": 7}}""", "config.session.recommendedFrequency: must be of type string (rule: type); value from program")]
    [InlineData("""{"session": "long"}""", "config.session: must be of type object (rule: type); value from program")]
    public async Task Overrides_violating_the_schema_are_the_runbooks_config_validation_400(string configOverrides, string error)
    {
        var template = await fixture.ActiveTemplateAsync($"create-config-{Guid.NewGuid():N}");
        var group = await fixture.GroupAsync();
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/programs", Create(template.Id, group.Id, "Bad config", configOverrides));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Config validation failed");
        response.ErrorLines().ShouldBe([error]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task Field_and_config_errors_come_together_in_one_validation_400()
    {
        var template = await fixture.ActiveTemplateAsync("create-field-and-config");
        var groupId = Guid.NewGuid();

        var response = await fixture.Host.PostAsync("/programs", Create(template.Id, groupId, "", Duration(500), sdgGoals: "[20]"));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(
            ["beneficiaryGroupId", "config.session.defaultDurationMinutes", "name", "sdgGoals[0]"]);
        response.Problem.Errors["config.session.defaultDurationMinutes"].ShouldBe(["must be at most 120 (rule: maximum); value from program"]);
        response.Problem.Errors["beneficiaryGroupId"].ShouldBe([$"no beneficiary group with id '{groupId}'"]);
    }

    [Fact]
    public async Task Every_config_violation_is_listed_with_its_path()
    {
        var template = await fixture.ActiveTemplateAsync("create-two-config-errors");
        var group = await fixture.GroupAsync();

        var response = await fixture.Host.PostAsync("/programs", Create(template.Id, group.Id, "Two errors",
            """{"session": {"defaultDurationMinutes": 0, "recommendedFrequency": false}}"""));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Config validation failed");
        response.ErrorLines().ShouldBe([
            "config.session.defaultDurationMinutes: must be at least 15 (rule: minimum); value from program",
            "config.session.recommendedFrequency: must be of type string (rule: type); value from program",
        ]);
    }
}
