using System.Net;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Campaigns;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Campaigns.CampaignRequests;

namespace EventSourced.Host.Tests.Campaigns;

public sealed class CreateCampaignTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Budget_and_dates_round_trip()
    {
        var program = await fixture.ActiveProgramAsync("campaign-budget");
        var companyId = Guid.NewGuid();

        var created = await fixture.Host.PostAsync("/campaigns", Create(program.Id, companyId,
            extra: """ "budget": {"amount": 25000.50, "currency": "EUR"}, "startDate": "2025-01-15", "endDate": "2025-06-30","""));

        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        var fetched = await fixture.Host.GetAsync($"/campaigns/{created.As<CampaignView>().Id}");
        fetched.Status.ShouldBe(HttpStatusCode.OK);
        fetched.Body.ShouldBe(created.Body);
        var campaign = fetched.As<CampaignView>();
        campaign.Budget.ShouldNotBeNull().Amount.ShouldBe(25000.50m);
        campaign.Budget.Currency.ShouldBe("EUR");
        campaign.StartDate.ShouldBe(new DateOnly(2025, 1, 15));
        campaign.EndDate.ShouldBe(new DateOnly(2025, 6, 30));
        fetched.Body.ShouldContain("\"budget\":{\"amount\":25000.50,\"currency\":\"EUR\"}");
        fetched.Body.ShouldContain("\"startDate\":\"2025-01-15\"");
        var row = (await Sql.QueryAsync(fixture.ConnectionString,
            $"select budget_amount, budget_currency, start_date, end_date from program_campaigns where id = '{campaign.Id}'")).Single();
        row["budget_amount"].ShouldBe(25000.50m);
        row["budget_currency"].ShouldBe("EUR");
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("paused")]
    [InlineData("completed")]
    public async Task A_program_that_is_not_active_is_refused_naming_programId(string status)
    {
        var template = await fixture.ActiveTemplateAsync($"campaign-not-active-{status}");
        var group = await fixture.GroupAsync();
        var program = await fixture.ProgramAsync(template.Id, group.Id, $"Not active {status}");
        foreach (var step in status switch { "paused" => new[] { "active", "paused" }, "completed" => ["active", "completed"], _ => [] })
        {
            await fixture.StatusAsync(program.Id, step);
        }

        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid()));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.ErrorLines().ShouldBe([$"programId: program '{program.Id}' is {status}; campaigns can only deploy active programs"]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task An_unknown_program_is_named()
    {
        var programId = Guid.NewGuid();

        var response = await fixture.Host.PostAsync("/campaigns", Create(programId, Guid.NewGuid()));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.ErrorLines().ShouldBe([$"programId: no program with id '{programId}'"]);
    }

    [Fact]
    public async Task Missing_ids_name_and_targets_are_each_named()
    {
        var response = await fixture.Host.PostAsync("/campaigns", """{"name": " ", "configOverrides": {}}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(["companyId", "maxEnrollment", "name", "programId", "targetEnrollment"]);
    }

    [Fact]
    public async Task A_target_above_the_maximum_is_named_targetEnrollment()
    {
        var program = await fixture.ActiveProgramAsync("campaign-target-above-max");

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), targetEnrollment: 151, maxEnrollment: 150));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.ShouldBe(["targetEnrollment"]);
        response.Problem.Errors["targetEnrollment"].Single().ShouldContain("maxEnrollment (150)");
    }

    [Fact]
    public async Task A_target_equal_to_the_maximum_is_accepted()
    {
        var program = await fixture.ActiveProgramAsync("campaign-target-equals-max");

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), targetEnrollment: 150, maxEnrollment: 150));

        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
    }

    [Theory]
    [InlineData(0, 150, new[] { "targetEnrollment" })]
    [InlineData(-5, 150, new[] { "targetEnrollment" })]
    [InlineData(100, 0, new[] { "maxEnrollment" })]
    [InlineData(0, -1, new[] { "maxEnrollment", "targetEnrollment" })]
    public async Task Targets_must_be_positive(int target, int max, string[] keys)
    {
        var program = await fixture.ActiveProgramAsync($"campaign-positive-{Guid.NewGuid():N}");

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), targetEnrollment: target, maxEnrollment: max));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(keys);
    }

    [Theory]
    [InlineData("""{"amount": 100, "currency": "eur"}""", "budget.currency")]
    [InlineData("""{"amount": 100, "currency": "EURO"}""", "budget.currency")]
    [InlineData("""{"amount": 100, "currency": ""}""", "budget.currency")]
    [InlineData("""{"amount": 100, "currency": "ZZZ"}""", "budget.currency")]
    [InlineData("""{"amount": -0.01, "currency": "EUR"}""", "budget.amount")]
    public async Task An_invalid_budget_names_the_budget_field(string budget, string key)
    {
        var program = await fixture.ActiveProgramAsync($"campaign-budget-{Guid.NewGuid():N}");

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), extra: $""" "budget": {budget},"""));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.ShouldBe([key]);
    }

    [Theory]
    [InlineData("""{"amount": 100}""")]
    [InlineData("{}")]
    public async Task A_budget_without_a_currency_is_refused_naming_budget_currency(string budget)
    {
        var program = await fixture.ActiveProgramAsync($"campaign-budget-no-currency-{Guid.NewGuid():N}");
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), extra: $""" "budget": {budget},"""));

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.ShouldBe(["budget.currency"]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    [Theory]
    [InlineData("startDate", "0001-01-01")]
    [InlineData("endDate", "9999-12-31")]
    public async Task Extreme_dates_are_stored_as_sent_or_refused_never_a_500(string field, string date)
    {
        var program = await fixture.ActiveProgramAsync($"campaign-extreme-date-{Guid.NewGuid():N}");

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), extra: $""" "{field}": "{date}","""));

        response.Status.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.BadRequest);
        if (response.Status == HttpStatusCode.BadRequest)
        {
            response.Problem.Errors!.Keys.ShouldBe([field]);
        }
        else
        {
            var fetched = await fixture.Host.GetAsync(response.Location!);
            fetched.Status.ShouldBe(HttpStatusCode.OK, fetched.Body);
            fetched.Body.ShouldContain($"\"{field}\":\"{date}\"");
        }

        // Whatever the outcome, the program's campaigns can still be listed.
        (await fixture.Host.GetAsync($"/campaigns?programId={program.Id}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("2025-06-30", "2025-01-15")]
    [InlineData("2025-06-30", "2025-06-30")]
    public async Task An_end_date_not_after_the_start_date_is_named_endDate(string startDate, string endDate)
    {
        var program = await fixture.ActiveProgramAsync($"campaign-dates-{Guid.NewGuid():N}");

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(),
            extra: $""" "startDate": "{startDate}", "endDate": "{endDate}","""));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.ShouldBe(["endDate"]);
    }

    [Fact]
    public async Task Overrides_violating_the_schema_are_a_config_validation_400_from_the_campaign()
    {
        var program = await fixture.ActiveProgramAsync("campaign-bad-config");
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), configOverrides: ProgramRequests.Duration(10)));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Config validation failed");
        response.ErrorLines().ShouldBe(["config.session.defaultDurationMinutes: must be at least 15 (rule: minimum); value from campaign"]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task Field_and_config_errors_come_together_in_one_validation_400()
    {
        var program = await fixture.ActiveProgramAsync("campaign-field-and-config");

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), targetEnrollment: 200,
            configOverrides: ProgramRequests.Duration(500)));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(["config.session.defaultDurationMinutes", "targetEnrollment"]);
        response.Problem.Errors["config.session.defaultDurationMinutes"].ShouldBe(["must be at most 120 (rule: maximum); value from campaign"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"45\"")]
    public async Task Config_overrides_must_be_an_object(string configOverrides)
    {
        var program = await fixture.ActiveProgramAsync($"campaign-overrides-{Guid.NewGuid():N}");

        var response = await fixture.Host.PostAsync("/campaigns", Create(program.Id, Guid.NewGuid(), configOverrides: configOverrides));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Errors!.Keys.ShouldBe(["configOverrides"]);
    }

    [Fact]
    public async Task Creating_a_campaign_records_the_deployment_on_the_program()
    {
        var program = await fixture.ActiveProgramAsync("campaign-deployed");

        var campaign = await fixture.CampaignAsync(program.Id);

        (await Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from mt_events where stream_id = '{program.Id}' and type = 'program_campaign_deployed.v1' and data->>'CampaignId' = '{campaign.Id}'"))
            .ShouldBe(1);
    }
}
