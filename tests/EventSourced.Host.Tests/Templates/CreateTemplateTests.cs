using System.Net;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Templates.TemplateRequests;

namespace EventSourced.Host.Tests.Templates;

public sealed class CreateTemplateTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Runbook_create_returns_201_with_the_draft_and_its_location()
    {
        var response = await fixture.Host.PostAsync("/templates", Create("mentorship-tech-workers"));

        response.Status.ShouldBe(HttpStatusCode.Created);
        var template = response.Template;
        response.Location.ShouldBe($"/templates/{template.Id}");
        template.TemplateKey.ShouldBe("mentorship-tech-workers");
        template.Version.ShouldBe(1);
        template.Status.ShouldBe("draft");
        template.Category.ShouldBe("mentorship");
        template.DefaultConfig.GetProperty("session").GetProperty("defaultDurationMinutes").GetInt32().ShouldBe(60);
        template.ConfigSchema.GetRawText().ShouldBe("{}");
        template.CreatedAt.ShouldBe(fixture.Clock.Now);
        response.Body.ShouldContain("\"templateKey\":"); // camelCase on the wire
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_in_one_400()
    {
        var response = await fixture.Host.PostAsync("/templates", """
            {"templateKey": "Bad Key", "name": "", "category": "mentorship", "defaultConfig": [], "configSchema": {"type": "banana"}}
            """);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order().ShouldBe(["configSchema.type", "defaultConfig", "name", "templateKey"]);
    }

    [Fact]
    public async Task Invalid_schema_is_a_400_naming_the_schema_path()
    {
        var response = await fixture.Host.PostAsync("/templates", Create("bad-schema", configSchema: """{"properties": {"session": {"type": "banana"}}}"""));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Errors!.Keys.ShouldContain("configSchema.properties.session.type");
    }

    [Fact]
    public async Task Defaults_violating_the_schema_are_a_400_naming_each_json_path_and_rule()
    {
        var response = await fixture.Host.PostAsync("/templates", Create("bad-defaults",
            configSchema: """{"properties": {"session": {"properties": {"defaultDurationMinutes": {"type": "integer", "maximum": 45}}, "required": ["format"]}}}"""));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Errors!.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}").Order().ShouldBe([
            "defaultConfig.session.defaultDurationMinutes: must be at most 45 (rule: maximum)",
            "defaultConfig.session.format: 'format' is required (rule: required)",
        ]);
    }

    [Fact]
    public async Task Duplicate_key_is_a_409_pointing_to_versioning()
    {
        (await fixture.Host.PostAsync("/templates", Create("duplicate-key"))).Status.ShouldBe(HttpStatusCode.Created);

        var response = await fixture.Host.PostAsync("/templates", Create("duplicate-key"));

        response.Status.ShouldBe(HttpStatusCode.Conflict);
        response.Problem.Title.ShouldBe("Template key already exists");
        response.Problem.Detail!.ShouldContain("/versions");
    }

    [Theory]
    [InlineData("{\"templateKey\": ", "Invalid JSON format")]
    [InlineData("{\"templateKey\": 42, \"name\": \"x\"}", "$.templateKey")]
    [InlineData("{\"templateKey\": \"k\", \"nmae\": \"typo\"}", "nmae")]
    public async Task Malformed_or_mistyped_json_is_a_400_not_a_500(string body, string mentioned)
    {
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/templates", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Body.ShouldContain(mentioned);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task Null_body_is_a_400()
    {
        var response = await fixture.Host.PostAsync("/templates", "null");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Invalid request body");
    }
}
