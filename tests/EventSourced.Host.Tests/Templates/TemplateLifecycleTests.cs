using System.Net;
using EventSourced.Projections.Templates;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Templates.TemplateRequests;

namespace EventSourced.Host.Tests.Templates;

/// <summary>Update, publish, version and archive, including the runbook's "Template Versioning" flow end to end.</summary>
public sealed class TemplateLifecycleTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Runbook_versioning_flow_deprecates_v1_in_favour_of_v2()
    {
        var v1 = await ActiveAsync("lifecycle-runbook");

        var created = await fixture.Host.PostAsync($"/templates/{v1.Id}/versions");
        created.Status.ShouldBe(HttpStatusCode.Created);
        var v2 = created.Template;
        created.Location.ShouldBe($"/templates/{v2.Id}");
        v2.ShouldSatisfyAllConditions(
            t => t.Version.ShouldBe(2), t => t.Status.ShouldBe("draft"), t => t.PreviousVersionId.ShouldBe(v1.Id),
            t => t.TemplateKey.ShouldBe(v1.TemplateKey));

        var updated = await fixture.Host.PutAsync($"/templates/{v2.Id}", """
            {"name": "Updated Template v2", "defaultConfig": {"newField": "newValue"}}
            """);
        updated.Status.ShouldBe(HttpStatusCode.OK);
        updated.Template.Name.ShouldBe("Updated Template v2");
        updated.Template.DefaultConfig.GetProperty("newField").GetString().ShouldBe("newValue");

        var published = await fixture.Host.PostAsync($"/templates/{v2.Id}/publish", PublishDeprecatingPrevious);
        published.Status.ShouldBe(HttpStatusCode.OK);
        published.Template.Status.ShouldBe("active");

        var old = (await fixture.Host.GetAsync($"/templates/{v1.Id}")).Template;
        old.Status.ShouldBe("deprecated");
        old.DeprecatedBy.ShouldBe(v2.Id);
        var rows = await Sql.QueryAsync(fixture.ConnectionString,
            "SELECT id, template_key, status, deprecated_by FROM program_templates WHERE template_key = 'lifecycle-runbook' ORDER BY version");
        rows.Select(r => (r["status"], r["deprecated_by"])).ShouldBe([("deprecated", (object?)v2.Id), ("active", null)]);
    }

    [Fact]
    public async Task Publishing_without_a_body_keeps_the_previous_version_active()
    {
        var v1 = await ActiveAsync("lifecycle-nobody");
        var v2 = (await fixture.Host.PostAsync($"/templates/{v1.Id}/versions")).Template;

        var published = await fixture.Host.PostAsync($"/templates/{v2.Id}/publish");

        published.Status.ShouldBe(HttpStatusCode.OK);
        (await fixture.Host.GetAsync($"/templates/{v1.Id}")).Template.Status.ShouldBe("active");
    }

    [Theory]
    [InlineData("active", "already published")]
    [InlineData("deprecated", "Create a new version instead")]
    [InlineData("archived", "cannot be published")]
    public async Task Publishing_a_non_draft_is_the_runbooks_400(string status, string advice)
    {
        var template = await InStatusAsync($"lifecycle-publish-{status}", status);

        var response = await fixture.Host.PostAsync($"/templates/{template.Id}/publish", PublishKeepingPrevious);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Only draft templates can be published");
        response.Problem.Detail!.ShouldContain(advice);
    }

    [Fact]
    public async Task Publishing_with_a_malformed_body_is_a_400()
    {
        var draft = (await fixture.Host.PostAsync("/templates", Create("lifecycle-badbody"))).Template;

        var response = await fixture.Host.PostAsync($"/templates/{draft.Id}/publish", """{"deprecatePrevious": "yes"}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Invalid JSON format");
        (await fixture.Host.GetAsync($"/templates/{draft.Id}")).Template.Status.ShouldBe("draft");
    }

    [Fact]
    public async Task Updating_a_non_draft_is_a_400()
    {
        var active = await ActiveAsync("lifecycle-update-active");

        var response = await fixture.Host.PutAsync($"/templates/{active.Id}", """{"name": "Renamed"}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Only draft templates can be updated");
    }

    [Fact]
    public async Task Updating_with_invalid_values_names_each_field()
    {
        var draft = (await fixture.Host.PostAsync("/templates", Create("lifecycle-update-invalid"))).Template;

        var response = await fixture.Host.PutAsync($"/templates/{draft.Id}", """
            {"name": "", "category": "Not A Slug", "configSchema": {"properties": {"session": {"type": "string"}}}}
            """);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Errors!.Keys.Order().ShouldBe(["category", "defaultConfig.session", "name"]);
    }

    [Fact]
    public async Task Versioning_a_draft_is_a_400()
    {
        var draft = (await fixture.Host.PostAsync("/templates", Create("lifecycle-version-draft"))).Template;

        var response = await fixture.Host.PostAsync($"/templates/{draft.Id}/versions");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("A draft template cannot be versioned");
    }

    [Fact]
    public async Task Archiving_works_once_then_conflicts()
    {
        var active = await ActiveAsync("lifecycle-archive");

        var first = await fixture.Host.PostAsync($"/templates/{active.Id}/archive");
        var second = await fixture.Host.PostAsync($"/templates/{active.Id}/archive");

        first.Status.ShouldBe(HttpStatusCode.OK);
        first.Template.Status.ShouldBe("archived");
        second.Status.ShouldBe(HttpStatusCode.Conflict);
        second.Problem.Title.ShouldBe("Template is already archived");
    }

    [Fact]
    public async Task A_key_whose_only_version_is_archived_comes_back_as_a_new_draft_version()
    {
        var active = await ActiveAsync("lifecycle-unarchive");
        (await fixture.Host.PostAsync($"/templates/{active.Id}/archive")).Status.ShouldBe(HttpStatusCode.OK);
        (await fixture.Host.PostAsync("/templates", Create("lifecycle-unarchive"))).Status.ShouldBe(HttpStatusCode.Conflict,
            "the key is kept by its archived version");

        var version = await fixture.Host.PostAsync($"/templates/{active.Id}/versions");
        version.Status.ShouldBe(HttpStatusCode.Created, version.Body);
        (version.Template.TemplateKey, version.Template.Version, version.Template.Status).ShouldBe(("lifecycle-unarchive", 2, "draft"));
        var published = await fixture.Host.PostAsync($"/templates/{version.Template.Id}/publish", PublishKeepingPrevious);
        published.Status.ShouldBe(HttpStatusCode.OK, published.Body);
        published.Template.Status.ShouldBe("active");
        (await fixture.Host.GetAsync($"/templates/{active.Id}")).Template.Status.ShouldBe("archived");
    }

    [Theory]
    [InlineData("POST", "publish")]
    [InlineData("POST", "versions")]
    [InlineData("POST", "archive")]
    [InlineData("PUT", "")]
    public async Task Commands_on_an_unknown_template_are_404(string method, string action)
    {
        var url = $"/templates/{Guid.NewGuid()}" + (action.Length > 0 ? $"/{action}" : string.Empty);

        var response = method == "PUT"
            ? await fixture.Host.PutAsync(url, """{"name": "x"}""")
            : await fixture.Host.PostAsync(url, action == "publish" ? PublishKeepingPrevious : null);

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Template not found");
    }

    private async Task<TemplateView> ActiveAsync(string key)
    {
        var draft = (await fixture.Host.PostAsync("/templates", Create(key))).Template;
        var published = await fixture.Host.PostAsync($"/templates/{draft.Id}/publish", PublishKeepingPrevious);
        published.Status.ShouldBe(HttpStatusCode.OK);
        return published.Template;
    }

    private async Task<TemplateView> InStatusAsync(string key, string status)
    {
        var template = await ActiveAsync(key);
        if (status == "deprecated")
        {
            var next = (await fixture.Host.PostAsync($"/templates/{template.Id}/versions")).Template;
            await fixture.Host.PostAsync($"/templates/{next.Id}/publish", PublishDeprecatingPrevious);
        }
        else if (status == "archived")
        {
            await fixture.Host.PostAsync($"/templates/{template.Id}/archive");
        }

        var current = (await fixture.Host.GetAsync($"/templates/{template.Id}")).Template;
        current.Status.ShouldBe(status);
        return current;
    }
}
