using System.Net;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>What the generated bad-input suite found, one readable case each: every one answered 500 or changed data before.</summary>
public sealed class BadInputRegressionTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_empty_guid_as_a_route_id_is_a_404_not_a_500()
    {
        var response = await fixture.Host.PutAsync($"/campaigns/{Guid.Empty}/probability", """{"probability": 50}""");

        response.Status.ShouldBe(HttpStatusCode.NotFound, response.Body);
        response.Problem.Detail.ShouldBe($"Nothing has the id {Guid.Empty}.");
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_string_is_a_400_naming_the_field()
    {
        var response = await fixture.Host.PostAsync("/templates", TemplateRequests.Create("lone-surrogate").Replace("Tech Worker Mentorship", "a\\ud800b", StringComparison.Ordinal));

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Invalid request");
        response.Problem.Errors!["name"].ShouldHaveSingleItem().ShouldStartWith("must be valid Unicode text");
    }

    [Fact]
    public async Task A_schema_pattern_that_is_no_regular_expression_is_refused()
    {
        var response = await fixture.Host.PostAsync("/templates", TemplateRequests.Create("bad-pattern",
            configSchema: """{"type": "object", "properties": {"code": {"type": "string", "pattern": "(["}}}"""));

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Errors!.Keys.ShouldContain("configSchema.properties.code.pattern");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"deprecatePrevious\"")]
    public async Task A_publish_body_that_is_not_an_object_is_refused_and_the_draft_stays_a_draft(string body)
    {
        var draft = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create($"publish-{body.Length}"))).Template.Id;

        var response = await fixture.Host.PostAsync($"/templates/{draft}/publish", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        (await fixture.Host.GetAsync($"/templates/{draft}")).Template.Status.ShouldBe("draft");
    }

    [Fact]
    public async Task A_body_on_archive_is_refused_instead_of_ignored_and_no_body_or_an_empty_object_still_archive()
    {
        var first = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("archive-body-1"))).Template.Id;
        var second = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("archive-body-2"))).Template.Id;
        var events = await Sql.EventCountAsync(fixture.ConnectionString);

        var refused = await fixture.Host.PostAsync($"/templates/{first}/archive", """{"reason": "retired"}""");

        refused.Status.ShouldBe(HttpStatusCode.BadRequest, refused.Body);
        refused.Problem.Title.ShouldBe("Unexpected request body");
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
        (await fixture.Host.PostAsync($"/templates/{first}/archive")).Status.ShouldBe(HttpStatusCode.OK);
        (await fixture.Host.PostAsync($"/templates/{second}/archive", "{ }")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
