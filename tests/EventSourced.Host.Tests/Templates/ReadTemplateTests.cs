using System.Net;
using EventSourced.Projections.Templates;
using static EventSourced.Host.Tests.Templates.TemplateRequests;

namespace EventSourced.Host.Tests.Templates;

public sealed class ReadTemplateTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task List_filters_by_category_and_status_as_the_runbook_does()
    {
        var active = (await fixture.Host.PostAsync("/templates", Create("read-active", category: "listing"))).Template;
        await fixture.Host.PostAsync($"/templates/{active.Id}/publish", PublishKeepingPrevious);
        var draft = (await fixture.Host.PostAsync("/templates", Create("read-draft", category: "listing"))).Template;
        var other = (await fixture.Host.PostAsync("/templates", Create("read-other", category: "listing-other"))).Template;

        var activeListing = (await fixture.Host.GetAsync("/templates?category=listing&status=active")).As<TemplateView[]>();
        var allListing = (await fixture.Host.GetAsync("/templates?category=listing")).As<TemplateView[]>();
        var upperCaseStatus = (await fixture.Host.GetAsync("/templates?category=listing&status=ACTIVE")).As<TemplateView[]>();
        var everything = await fixture.Host.GetAsync("/templates");

        activeListing.Select(t => t.Id).ShouldBe([active.Id]);
        upperCaseStatus.Select(t => t.Id).ShouldBe([active.Id]);
        allListing.Select(t => t.Id).ShouldBe([active.Id, draft.Id], ignoreOrder: true);
        everything.Status.ShouldBe(HttpStatusCode.OK);
        everything.As<TemplateView[]>().Select(t => t.Id).ShouldContain(other.Id);
    }

    [Fact]
    public async Task Get_by_id_returns_the_template()
    {
        var created = await fixture.Host.PostAsync("/templates", Create("read-one"));

        var response = await fixture.Host.GetAsync($"/templates/{created.Template.Id}");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Body.ShouldBe(created.Body);
    }

    [Fact]
    public async Task Unknown_id_is_a_404_problem()
    {
        var id = Guid.NewGuid();

        var response = await fixture.Host.GetAsync($"/templates/{id}");

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Template not found");
        response.Problem.Detail!.ShouldContain(id.ToString());
    }

    [Fact]
    public async Task Id_that_is_not_a_uuid_is_a_404()
    {
        (await fixture.Host.GetAsync("/templates/not-a-uuid")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_reports_the_database()
    {
        var response = await fixture.Host.GetAsync("/health");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Body.ShouldContain("\"postgresql\"");
    }
}
