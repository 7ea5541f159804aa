using System.Net;
using EventSourced.Projections.Programs;

namespace EventSourced.Host.Tests.Programs;

public sealed class ReadProgramTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task List_filters_by_program_type_status_and_beneficiary_group()
    {
        var type = $"type-{Guid.NewGuid():N}"[..20];
        var otherType = $"other-{Guid.NewGuid():N}"[..20];
        var template = await fixture.ActiveTemplateAsync($"read-{type}", category: type);
        var otherTemplate = await fixture.ActiveTemplateAsync($"read-{otherType}", category: otherType);
        var group = await fixture.GroupAsync("Group A");
        var otherGroup = await fixture.GroupAsync("Group B");
        var draft = await fixture.ProgramAsync(template.Id, group.Id, $"Draft {type}");
        var active = await fixture.ProgramAsync(template.Id, otherGroup.Id, $"Active {type}");
        await fixture.StatusAsync(active.Id, "active");
        var elsewhere = await fixture.ProgramAsync(otherTemplate.Id, group.Id, $"Elsewhere {type}");

        async Task<Guid[]> Ids(string query)
        {
            var response = await fixture.Host.GetAsync($"/programs?{query}");
            response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
            return response.As<ProgramView[]>().Select(p => p.Id).ToArray();
        }

        (await Ids($"programType={type}")).ShouldBe([draft.Id, active.Id], ignoreOrder: true);
        (await Ids($"programType={type}&status=active")).ShouldBe([active.Id]);
        (await Ids($"programType={type}&status=ACTIVE")).ShouldBe([active.Id]);
        (await Ids($"programType={type}&status=Draft")).ShouldBe([draft.Id]);
        (await Ids($"programType={type}&status=paused")).ShouldBeEmpty();
        (await Ids($"beneficiaryGroupId={group.Id}")).ShouldBe([draft.Id, elsewhere.Id], ignoreOrder: true);
        (await Ids($"beneficiaryGroupId={group.Id}&programType={otherType}")).ShouldBe([elsewhere.Id]);
        (await Ids($"programType={type}&status=&beneficiaryGroupId=")).ShouldBe([draft.Id, active.Id], ignoreOrder: true);
        new[] { draft.Id, active.Id, elsewhere.Id }.ShouldBeSubsetOf(await Ids(string.Empty));
    }

    [Fact]
    public async Task A_beneficiaryGroupId_that_is_not_a_uuid_is_a_400()
    {
        var response = await fixture.Host.GetAsync("/programs?beneficiaryGroupId=syrian-group-uuid");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Invalid query string value");
        response.Problem.Detail!.ShouldContain("'beneficiaryGroupId'");
    }

    [Fact]
    public async Task A_filter_with_a_nul_character_is_a_400_naming_the_parameter()
    {
        var response = await fixture.Host.GetAsync("/programs?programType=mentor%00ship");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Invalid request");
        response.Problem.Errors!.Keys.ShouldBe(["programType"]);
    }

    [Fact]
    public async Task Get_by_id_returns_the_program()
    {
        var template = await fixture.ActiveTemplateAsync("read-one");
        var group = await fixture.GroupAsync();
        var created = await fixture.Host.PostAsync("/programs", ProgramRequests.Create(template.Id, group.Id, "Read One"));

        var response = await fixture.Host.GetAsync($"/programs/{created.As<ProgramView>().Id}");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Body.ShouldBe(created.Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/config")]
    public async Task Unknown_program_is_a_404_problem(string suffix)
    {
        var id = Guid.NewGuid();

        var response = await fixture.Host.GetAsync($"/programs/{id}{suffix}");

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Program not found");
        response.Problem.Detail.ShouldBe($"No program with id '{id}'.");
    }

    [Fact]
    public async Task Id_that_is_not_a_uuid_is_a_404()
    {
        (await fixture.Host.GetAsync("/programs/program-uuid")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
