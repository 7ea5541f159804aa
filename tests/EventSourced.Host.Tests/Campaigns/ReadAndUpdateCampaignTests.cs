using System.Net;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Campaigns;
using EventSourced.Projections.Configuration;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Campaigns;

public sealed class ReadAndUpdateCampaignTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string BudgetAndDates = """ "budget": {"amount": 25000.50, "currency": "EUR"}, "startDate": "2025-01-15", "endDate": "2025-06-30",""";

    [Fact]
    public async Task List_filters_by_company_program_and_status()
    {
        var programA = await fixture.ActiveProgramAsync("campaign-list-a");
        var programB = await fixture.ActiveProgramAsync("campaign-list-b");
        var companyX = Guid.NewGuid();
        var companyY = Guid.NewGuid();
        var ax = await fixture.CampaignAsync(programA.Id, companyX);
        var ay = await fixture.CampaignAsync(programA.Id, companyY);
        var bx = await fixture.CampaignAsync(programB.Id, companyX);

        async Task<Guid[]> Ids(string query)
        {
            var response = await fixture.Host.GetAsync($"/campaigns?{query}");
            response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
            return response.As<CampaignView[]>().Select(c => c.Id).ToArray();
        }

        (await Ids($"companyId={companyX}")).ShouldBe([ax.Id, bx.Id], ignoreOrder: true);
        (await Ids($"programId={programA.Id}")).ShouldBe([ax.Id, ay.Id], ignoreOrder: true);
        (await Ids($"companyId={companyX}&programId={programA.Id}")).ShouldBe([ax.Id]);
        (await Ids($"programId={programA.Id}&status=draft")).ShouldBe([ax.Id, ay.Id], ignoreOrder: true);
        (await Ids($"programId={programA.Id}&status=DRAFT")).ShouldBe([ax.Id, ay.Id], ignoreOrder: true);
        (await Ids($"programId={programA.Id}&status=active")).ShouldBeEmpty();
        (await Ids($"companyId={Guid.NewGuid()}")).ShouldBeEmpty();
        (await Ids($"companyId={companyY}&programId=&status=")).ShouldBe([ay.Id]);
        new[] { ax.Id, ay.Id, bx.Id }.ShouldBeSubsetOf(await Ids(string.Empty));
    }

    [Theory]
    [InlineData("companyId=acme")]
    [InlineData("programId=program-uuid")]
    public async Task An_id_filter_that_is_not_a_uuid_is_a_400(string query)
    {
        var response = await fixture.Host.GetAsync($"/campaigns?{query}");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Invalid query string value");
        response.Problem.Detail!.ShouldContain($"'{query.Split('=')[0]}'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("/config")]
    public async Task An_unknown_campaign_is_a_404_problem(string suffix)
    {
        var id = Guid.NewGuid();

        var response = await fixture.Host.GetAsync($"/campaigns/{id}{suffix}");

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Campaign not found");
        response.Problem.Detail.ShouldBe($"No campaign with id '{id}'.");
    }

    [Fact]
    public async Task Update_changes_name_targets_and_overrides_recomputing_the_config_and_keeps_the_rest()
    {
        var program = await fixture.ActiveProgramAsync("campaign-update");
        var companyId = Guid.NewGuid();
        var campaign = await fixture.CampaignAsync(program.Id, companyId, extra: BudgetAndDates);
        var createdAt = fixture.Clock.Now;
        fixture.Clock.Now = createdAt.AddDays(1);
        try
        {
            var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", """
                {"name": "Acme Corp Mentorship Campaign 2025", "targetEnrollment": 120, "maxEnrollment": 200,
                 "configOverrides": {"session": {"recommendedFrequency": "monthly"}}}
                """);

            response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
            var updated = response.As<CampaignView>();
            updated.ShouldSatisfyAllConditions(
                c => c.Id.ShouldBe(campaign.Id),
                c => c.ProgramId.ShouldBe(program.Id),
                c => c.CompanyId.ShouldBe(companyId),
                c => c.Name.ShouldBe("Acme Corp Mentorship Campaign 2025"),
                c => c.TargetEnrollment.ShouldBe(120),
                c => c.MaxEnrollment.ShouldBe(200),
                c => c.Budget.ShouldBe(new Domain.Campaigns.Budget(25000.50m, "EUR")),
                c => c.StartDate.ShouldBe(new DateOnly(2025, 1, 15)),
                c => c.EndDate.ShouldBe(new DateOnly(2025, 6, 30)),
                c => c.Status.ShouldBe("draft"),
                c => c.TemplateVersion.ShouldBe(1),
                c => c.ConfigOverrides.ShouldBeJson("""{"session": {"recommendedFrequency": "monthly"}}"""),
                c => c.Config.ShouldBeJson("""{"session": {"defaultDurationMinutes": 90, "recommendedFrequency": "monthly"}}"""),
                c => c.CreatedAt.ShouldBe(createdAt),
                c => c.UpdatedAt.ShouldBe(createdAt.AddDays(1)));
            (await fixture.Host.GetAsync($"/campaigns/{campaign.Id}")).Body.ShouldBe(response.Body);

            var config = (await fixture.Host.GetAsync($"/campaigns/{campaign.Id}/config")).As<ConfigView>();
            config.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value.Describe()}").ShouldBe([
                "session.defaultDurationMinutes = program: 90 > template v1: 60",
                "session.recommendedFrequency = campaign: \"monthly\" > template v1: \"weekly\"",
            ]);
            (await Sql.QueryAsync(fixture.ConnectionString,
                    $"select config->'session'->>'defaultDurationMinutes' as d, name from program_campaigns where id = '{campaign.Id}'"))
                .Single()["d"].ShouldBe("90");
        }
        finally
        {
            fixture.Clock.Now = createdAt;
        }
    }

    [Fact]
    public async Task An_update_of_one_field_keeps_every_other_field()
    {
        var program = await fixture.ActiveProgramAsync("campaign-update-one");
        var campaign = await fixture.CampaignAsync(program.Id, extra: BudgetAndDates);
        var before = await fixture.Host.GetAsync($"/campaigns/{campaign.Id}");

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", """{"maxEnrollment": 175}""");

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        response.Body.ShouldBe(before.Body.Replace("\"maxEnrollment\":150", "\"maxEnrollment\":175", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lowering_the_maximum_below_the_existing_target_is_a_400_and_changes_nothing()
    {
        var program = await fixture.ActiveProgramAsync("campaign-lower-max");
        var campaign = await fixture.CampaignAsync(program.Id);
        var before = await fixture.Host.GetAsync($"/campaigns/{campaign.Id}");
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", """{"maxEnrollment": 99}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.ShouldBe(["targetEnrollment"]);
        response.Problem.Errors["targetEnrollment"].Single().ShouldContain("maxEnrollment (99)");
        (await fixture.Host.GetAsync($"/campaigns/{campaign.Id}")).Body.ShouldBe(before.Body);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task An_end_date_moved_before_the_existing_start_date_is_named_endDate()
    {
        var program = await fixture.ActiveProgramAsync("campaign-update-dates");
        var campaign = await fixture.CampaignAsync(program.Id, extra: BudgetAndDates);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", """{"endDate": "2025-01-01"}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Errors!.Keys.ShouldBe(["endDate"]);
    }

    [Fact]
    public async Task Overrides_violating_the_schema_on_update_are_a_config_validation_400()
    {
        var program = await fixture.ActiveProgramAsync("campaign-update-bad-config");
        var campaign = await fixture.CampaignAsync(program.Id);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", """{"configOverrides": {"session": {"defaultDurationMinutes": 121}}}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Config validation failed");
        response.ErrorLines().ShouldBe(["config.session.defaultDurationMinutes: must be at most 120 (rule: maximum); value from campaign"]);
        (await fixture.Host.GetAsync($"/campaigns/{campaign.Id}")).As<CampaignView>().ConfigOverrides
            .ShouldBeJson(CampaignRequests.Overrides45);
    }

    [Fact]
    public async Task Updating_an_unknown_campaign_is_a_404()
    {
        var response = await fixture.Host.PutAsync($"/campaigns/{Guid.NewGuid()}", """{"name": "Nobody's"}""");

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Campaign not found");
    }

    [Theory]
    [InlineData("null", "Invalid request body")]
    [InlineData("""{"maxEnrollment": "175"}""", "$.maxEnrollment")]
    [InlineData("""{"endDate": "30/06/2025"}""", "$.endDate")]
    [InlineData("""{"programId": "00000000-0000-0000-0000-000000000001"}""", "programId")]
    public async Task A_malformed_update_is_a_400(string body, string mentioned)
    {
        var program = await fixture.ActiveProgramAsync($"campaign-update-malformed-{Guid.NewGuid():N}");
        var campaign = await fixture.CampaignAsync(program.Id);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Body.ShouldContain(mentioned);
    }
}
