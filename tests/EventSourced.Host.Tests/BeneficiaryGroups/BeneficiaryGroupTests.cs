using System.Net;
using EventSourced.Projections.BeneficiaryGroups;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.BeneficiaryGroups;

public sealed class BeneficiaryGroupTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Create_returns_201_with_the_group_and_its_location()
    {
        var response = await fixture.Host.PostAsync("/beneficiary-groups", """
            {"name": "  Syrian refugees in Germany  ", "description": "Recently arrived", "region": "DE", "tags": [" refugees ", "syrian", "refugees"]}
            """);

        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        var group = response.As<BeneficiaryGroupView>();
        response.Location.ShouldBe($"/beneficiary-groups/{group.Id}");
        group.ShouldSatisfyAllConditions(
            g => g.Name.ShouldBe("Syrian refugees in Germany"),
            g => g.Description.ShouldBe("Recently arrived"),
            g => g.Region.ShouldBe("DE"),
            g => g.Tags.ShouldBe(["refugees", "syrian"]),
            g => g.CreatedAt.ShouldBe(fixture.Clock.Now),
            g => g.UpdatedAt.ShouldBe(fixture.Clock.Now));
        var row = (await Sql.QueryAsync(fixture.ConnectionString, $"select name, region, tags from beneficiary_groups where id = '{group.Id}'")).Single();
        row["name"].ShouldBe("Syrian refugees in Germany");
        row["tags"].ShouldBe(new[] { "refugees", "syrian" });
    }

    [Fact]
    public async Task Only_a_name_is_required()
    {
        var response = await fixture.Host.PostAsync("/beneficiary-groups", """{"name": "Unnamed region"}""");

        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        var group = response.As<BeneficiaryGroupView>();
        group.Description.ShouldBeNull();
        group.Region.ShouldBeNull();
        group.Tags.ShouldBeEmpty();
    }

    [Fact]
    public async Task List_filters_by_region_and_by_tag()
    {
        var region = $"region-{Guid.NewGuid():N}";
        var tag = $"tag-{Guid.NewGuid():N}";
        var first = await CreateAsync("A first group", region, [tag]);
        var second = await CreateAsync("B second group", region, ["other"]);
        var elsewhere = await CreateAsync("C elsewhere", "elsewhere", [tag, "other"]);

        var byRegion = await fixture.Host.GetAsync($"/beneficiary-groups?region={region}");
        var byTag = await fixture.Host.GetAsync($"/beneficiary-groups?tag={tag}");
        var byBoth = await fixture.Host.GetAsync($"/beneficiary-groups?region={region}&tag={tag}");
        var unfiltered = await fixture.Host.GetAsync("/beneficiary-groups?region=&tag=");
        var noMatch = await fixture.Host.GetAsync($"/beneficiary-groups?region={region}&tag=nothing-like-this");

        byRegion.Status.ShouldBe(HttpStatusCode.OK);
        byRegion.As<BeneficiaryGroupView[]>().Select(g => g.Id).ShouldBe([first.Id, second.Id]); // ordered by name
        byTag.As<BeneficiaryGroupView[]>().Select(g => g.Id).ShouldBe([first.Id, elsewhere.Id]);
        byBoth.As<BeneficiaryGroupView[]>().Select(g => g.Id).ShouldBe([first.Id]);
        new[] { first.Id, second.Id, elsewhere.Id }.ShouldBeSubsetOf(unfiltered.As<BeneficiaryGroupView[]>().Select(g => g.Id));
        noMatch.Status.ShouldBe(HttpStatusCode.OK);
        noMatch.Body.ShouldBe("[]");
    }

    [Fact]
    public async Task Get_by_id_returns_the_group()
    {
        var created = await fixture.Host.PostAsync("/beneficiary-groups", """{"name": "Ukrainian refugees in Poland", "region": "PL"}""");

        var response = await fixture.Host.GetAsync($"/beneficiary-groups/{created.As<BeneficiaryGroupView>().Id}");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Body.ShouldBe(created.Body);
    }

    [Fact]
    public async Task Unknown_id_is_a_404_problem()
    {
        var id = Guid.NewGuid();

        var response = await fixture.Host.GetAsync($"/beneficiary-groups/{id}");

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Beneficiary group not found");
        response.Problem.Detail.ShouldBe($"No beneficiary group with id '{id}'.");
    }

    [Fact]
    public async Task Update_changes_the_fields_sent_and_keeps_the_others()
    {
        var group = await CreateAsync("Women returning to work", "NL", ["women", "upskilling"]);
        var createdAt = fixture.Clock.Now;
        fixture.Clock.Now = createdAt.AddHours(1);
        try
        {
            var renamed = await fixture.Host.PutAsync($"/beneficiary-groups/{group.Id}", """{"name": "  Women re-entering the workforce "}""");

            renamed.Status.ShouldBe(HttpStatusCode.OK, renamed.Body);
            renamed.As<BeneficiaryGroupView>().ShouldSatisfyAllConditions(
                g => g.Id.ShouldBe(group.Id),
                g => g.Name.ShouldBe("Women re-entering the workforce"),
                g => g.Description.ShouldBe("Test group"),
                g => g.Region.ShouldBe("NL"),
                g => g.Tags.ShouldBe(["women", "upskilling"]),
                g => g.CreatedAt.ShouldBe(createdAt),
                g => g.UpdatedAt.ShouldBe(createdAt.AddHours(1)));

            var retagged = await fixture.Host.PutAsync($"/beneficiary-groups/{group.Id}", """{"tags": [], "region": "BE"}""");

            retagged.Status.ShouldBe(HttpStatusCode.OK, retagged.Body);
            retagged.As<BeneficiaryGroupView>().ShouldSatisfyAllConditions(
                g => g.Name.ShouldBe("Women re-entering the workforce"),
                g => g.Description.ShouldBe("Test group"),
                g => g.Region.ShouldBe("BE"),
                g => g.Tags.ShouldBeEmpty());
            (await fixture.Host.GetAsync($"/beneficiary-groups/{group.Id}")).Body.ShouldBe(retagged.Body);
        }
        finally
        {
            fixture.Clock.Now = createdAt;
        }
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_in_one_400()
    {
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);
        var tooManyTags = string.Join(", ", Enumerable.Range(1, 21).Select(i => $"\"tag-{i}\""));

        var response = await fixture.Host.PostAsync("/beneficiary-groups",
            $$"""{"name": "", "region": "{{new string('r', 101)}}", "tags": [{{tooManyTags}}]}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(["name", "region", "tags"]);
        response.Problem.Errors["tags"].ShouldBe(["'tags' may hold at most 20 tags."]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task Invalid_update_is_a_400_naming_each_field_and_changes_nothing()
    {
        var group = await CreateAsync("Care leavers", "UK", ["youth"]);

        var response = await fixture.Host.PutAsync($"/beneficiary-groups/{group.Id}", $$"""{"name": " ", "tags": ["ok", "", "{{new string('t', 51)}}"]}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(["name", "tags[1]", "tags[2]"]);
        var unchanged = (await fixture.Host.GetAsync($"/beneficiary-groups/{group.Id}")).As<BeneficiaryGroupView>();
        unchanged.Name.ShouldBe("Care leavers");
        unchanged.Tags.ShouldBe(["youth"]);
    }

    [Fact]
    public async Task Updating_an_unknown_group_is_a_404()
    {
        var response = await fixture.Host.PutAsync($"/beneficiary-groups/{Guid.NewGuid()}", """{"name": "Nobody"}""");

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Beneficiary group not found");
    }

    [Theory]
    [InlineData("POST", "null", "Invalid request body")]
    [InlineData("POST", """{"name": "x", "tags": "refugees"}""", "$.tags")]
    [InlineData("POST", """{"name": "x", "regoin": "DE"}""", "regoin")]
    [InlineData("PUT", "null", "Invalid request body")]
    [InlineData("PUT", """{"name": 42}""", "$.name")]
    public async Task Malformed_bodies_are_a_400(string method, string body, string mentioned)
    {
        var group = await CreateAsync("Malformed target", "DE", []);

        var response = method == "PUT"
            ? await fixture.Host.PutAsync($"/beneficiary-groups/{group.Id}", body)
            : await fixture.Host.PostAsync("/beneficiary-groups", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Body.ShouldContain(mentioned);
    }

    [Fact]
    public async Task A_name_with_a_nul_character_is_a_400_not_a_500()
    {
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/beneficiary-groups", """{"name": "Syrian\u0000refugees"}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Errors!.Keys.ShouldBe(["name"]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    private async Task<BeneficiaryGroupView> CreateAsync(string name, string region, string[] tags)
    {
        var response = await fixture.Host.PostAsync("/beneficiary-groups",
            $$"""{"name": "{{name}}", "description": "Test group", "region": "{{region}}", "tags": [{{string.Join(", ", tags.Select(t => $"\"{t}\""))}}]}""");
        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        return response.As<BeneficiaryGroupView>();
    }
}
