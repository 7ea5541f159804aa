using System.Net;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Programs;

/// <summary>Bodies that are not JSON, or JSON of the wrong shape, on the create endpoints: always a 400 (never a 500) and nothing saved.</summary>
public sealed class MalformedRequestTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string SomeProgramId = "00000000-0000-0000-0000-0000000000aa";

    [Theory]
    [InlineData("{\"name\": ", "Path: $")]
    [InlineData("{\"name\": \"x\",}", "Path: $")]
    [InlineData("not json", "Path: $")]
    [InlineData("[]", "$")]
    [InlineData("\"a program\"", "$")]
    [InlineData("42", "$")]
    [InlineData("{\"templateId\": 42}", "$.templateId")]
    [InlineData("{\"templateId\": \"template-uuid\"}", "$.templateId")]
    [InlineData("{\"beneficiaryGroupId\": \"syrian-group-uuid\"}", "$.beneficiaryGroupId")]
    [InlineData("{\"name\": [\"Mentorship\"]}", "$.name")]
    [InlineData("{\"tags\": \"syrian\"}", "$.tags")]
    [InlineData("{\"tags\": [1, 2]}", "$.tags")]
    [InlineData("{\"sdgGoals\": \"4\"}", "$.sdgGoals")]
    [InlineData("{\"sdgGoals\": [\"4\"]}", "$.sdgGoals")]
    [InlineData("{\"sdgGoals\": [4.5]}", "$.sdgGoals")]
    [InlineData("{\"sdgGoals\": {\"4\": true}}", "$.sdgGoals")]
    [InlineData("{\"name\": \"x\", \"programKey\": \"chosen\"}", "programKey")]
    public async Task Program_bodies(string body, string mentioned) => await ShouldBeA400(fixture, "/programs", body, mentioned);

    [Theory]
    [InlineData("{\"programId\": ", "Path: $")]
    [InlineData("{'programId': 'x'}", "Path: $")]
    [InlineData("[{}]", "$")]
    [InlineData("true", "$")]
    [InlineData("{\"programId\": \"program-uuid\"}", "$.programId")]
    [InlineData("{\"companyId\": 7}", "$.companyId")]
    [InlineData("{\"targetEnrollment\": \"100\"}", "$.targetEnrollment")]
    [InlineData("{\"targetEnrollment\": 100.5}", "$.targetEnrollment")]
    [InlineData("{\"maxEnrollment\": 2147483648}", "$.maxEnrollment")]
    [InlineData("{\"budget\": 25000}", "$.budget")]
    [InlineData("{\"budget\": {\"amount\": \"25000\", \"currency\": \"EUR\"}}", "$.budget.amount")]
    [InlineData("{\"budget\": {\"amount\": 25000, \"currency\": \"EUR\", \"vat\": 19}}", "vat")]
    [InlineData("{\"startDate\": \"2025-13-01\"}", "$.startDate")]
    [InlineData("{\"startDate\": \"15/01/2025\"}", "$.startDate")]
    [InlineData("{\"endDate\": 20250630}", "$.endDate")]
    [InlineData("{\"name\": \"x\", \"status\": \"won\"}", "status")]
    public async Task Campaign_bodies(string body, string mentioned) => await ShouldBeA400(fixture, "/campaigns", body, mentioned);

    [Theory]
    [InlineData("/programs")]
    [InlineData("/campaigns")]
    public async Task A_null_body_is_a_400(string url)
    {
        var response = await fixture.Host.PostAsync(url, "null");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Invalid request body");
        response.Problem.Detail.ShouldBe("The request body must be a JSON object.");
    }

    [Theory]
    [InlineData("/programs")]
    [InlineData("/campaigns")]
    public async Task An_empty_object_is_a_400_naming_the_required_fields(string url)
    {
        var response = await fixture.Host.PostAsync(url, "{}");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(url == "/programs"
            ? ["beneficiaryGroupId", "name", "templateId"]
            : ["companyId", "maxEnrollment", "name", "programId", "targetEnrollment"]);
    }

    [Theory]
    [InlineData("/programs")]
    [InlineData("/campaigns")]
    public async Task An_empty_or_missing_body_is_a_400(string url)
    {
        var empty = await fixture.Host.PostAsync(url, string.Empty);
        var missing = await fixture.Host.PostAsync(url);

        empty.Status.ShouldBe(HttpStatusCode.BadRequest, empty.Body);
        empty.Problem.Title.ShouldBe("Invalid request body");
        missing.Status.ShouldBe(HttpStatusCode.BadRequest, missing.Body);
        missing.Problem.Title.ShouldBe("Invalid JSON format");
    }

    private static async Task ShouldBeA400(HostFixture fixture, string url, string body, string mentioned)
    {
        var eventsBefore = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync(url, body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Invalid JSON format");
        response.Problem.Detail!.ShouldContain(mentioned);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task A_wrongly_typed_field_in_an_otherwise_valid_program_request_saves_nothing()
    {
        var template = await fixture.ActiveTemplateAsync("malformed-valid-otherwise");
        var group = await fixture.GroupAsync();

        await ShouldBeA400(fixture, "/programs",
            ProgramRequests.Create(template.Id, group.Id, "Otherwise valid", sdgGoals: "[4, \"8\"]"), "$.sdgGoals");
        await ShouldBeA400(fixture, "/campaigns",
            Campaigns.CampaignRequests.Create(Guid.Parse(SomeProgramId), Guid.NewGuid(), extra: """ "budget": {"amount": 1e40, "currency": "EUR"},"""), "$.budget");
    }
}
