using EventSourced.Host.Tests.Messaging;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EventSourced.Domain.Json;
using EventSourced.Host.Http;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Hostile;

/// <summary>
/// Issue 14, one test per defect found by probing the host as an attacker: each was a hang or a 500 before, each is now a
/// 4xx problem that names what is wrong, answered quickly, with nothing appended.
/// </summary>
public sealed class HostileInputRegressionTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string EvilPattern = "^(a+)+$";
    private static readonly string Trigger = new string('a', 40) + "!";
    private static readonly string EvilSchema = $$$$"""{"type": "object", "properties": {"code": {"type": "string", "pattern": "{{{{EvilPattern}}}}"}}}""";
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_catastrophic_pattern_triggered_by_the_defaults_is_a_quick_400_naming_the_pattern_and_path()
    {
        var response = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/templates",
            TemplateRequests.Create("evil-default", EvilSchema, $$"""{"code": "{{Trigger}}"}""")));

        response.Problem.Errors!["defaultConfig.code"].ShouldHaveSingleItem().ShouldContain(EvilPattern);
    }

    [Fact]
    public async Task A_catastrophic_pattern_properties_key_is_a_quick_400_naming_the_key()
    {
        var response = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/templates",
            TemplateRequests.Create("evil-keys", $$$$"""{"patternProperties": {"{{{{EvilPattern}}}}": {"type": "integer"}}}""", $$$$"""{"{{{{Trigger}}}}": 1}""")));

        response.Problem.Errors!.Keys.ShouldContain($"defaultConfig.{Trigger}");
    }

    [Fact]
    public async Task A_published_template_with_a_harmless_default_cannot_be_used_to_hang_program_or_campaign_writes()
    {
        var template = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("evil-published", EvilSchema, """{"code": "aaa"}"""))).Template.Id;
        (await fixture.Host.PostAsync($"/templates/{template}/publish", TemplateRequests.PublishKeepingPrevious)).Status.ShouldBe(HttpStatusCode.OK);
        var group = await CreatedIdAsync("/beneficiary-groups", """{"name": "Evil pattern group"}""");
        var program = await CreatedIdAsync("/programs", $$"""{"templateId": "{{template}}", "name": "Evil pattern program", "beneficiaryGroupId": "{{group}}"}""");
        (await fixture.Host.PutAsync($"/programs/{program}/status", """{"status": "active"}""")).Status.ShouldBe(HttpStatusCode.OK);
        var campaign = await CreatedIdAsync("/campaigns",
            $$"""{"programId": "{{program}}", "companyId": "{{Guid.NewGuid()}}", "name": "Evil pattern campaign", "targetEnrollment": 5, "maxEnrollment": 10}""");

        var programOverride = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/programs",
            $$$"""{"templateId": "{{{template}}}", "name": "Evil override", "beneficiaryGroupId": "{{{group}}}", "configOverrides": {"code": "{{{Trigger}}}"}}"""));
        var campaignOverride = await RefusedWithNothingAppendedAsync(() => fixture.Host.PutAsync($"/campaigns/{campaign}",
            $$$"""{"configOverrides": {"code": "{{{Trigger}}}"}}"""));

        programOverride.Problem.Errors!["config.code"].ShouldHaveSingleItem().ShouldContain(EvilPattern);
        campaignOverride.Problem.Errors!["config.code"].ShouldHaveSingleItem().ShouldContain(EvilPattern);
    }

    [Theory]
    [InlineData("""{"$ref": "#"}""")]
    [InlineData("""{"allOf": [{"$ref": "#"}]}""")]
    [InlineData("""{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "properties": {"session": {"$ref": "#/definitions/a"}}}""")]
    public async Task A_schema_reference_that_never_resolves_is_a_400_not_a_500(string schema)
    {
        var response = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/templates", TemplateRequests.Create($"self-ref-{schema.Length}", schema)));

        response.Problem.Errors!.Keys.ShouldAllBe(key => key.StartsWith("configSchema") || key.StartsWith("defaultConfig"));
    }

    [Fact]
    public async Task Duplicate_keys_in_program_and_campaign_overrides_are_a_400_naming_the_key()
    {
        var template = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("duplicate-keys"))).Template.Id;
        (await fixture.Host.PostAsync($"/templates/{template}/publish", TemplateRequests.PublishKeepingPrevious)).Status.ShouldBe(HttpStatusCode.OK);
        var group = await CreatedIdAsync("/beneficiary-groups", """{"name": "Duplicate keys group"}""");
        var program = await CreatedIdAsync("/programs", $$"""{"templateId": "{{template}}", "name": "Duplicate keys program", "beneficiaryGroupId": "{{group}}"}""");
        (await fixture.Host.PutAsync($"/programs/{program}/status", """{"status": "active"}""")).Status.ShouldBe(HttpStatusCode.OK);

        var onProgram = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/programs",
            $$$$"""{"templateId": "{{{{template}}}}", "name": "Dup", "beneficiaryGroupId": "{{{{group}}}}", "configOverrides": {"x": 1, "x": {"y": 2}}}"""));
        var onCampaign = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/campaigns",
            $$$$"""{"programId": "{{{{program}}}}", "companyId": "{{{{Guid.NewGuid()}}}}", "name": "Dup", "targetEnrollment": 5, "maxEnrollment": 10, "configOverrides": {"x": 1, "x": {"y": 2}}}"""));
        var atTheTop = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/beneficiary-groups", """{"name": "A", "name": "B"}"""));

        onProgram.Problem.Errors!.Keys.ShouldBe(["configOverrides.x"]);
        onCampaign.Problem.Errors!.Keys.ShouldBe(["configOverrides.x"]);
        atTheTop.Problem.Errors!["name"].ShouldHaveSingleItem().ShouldContain("more than once");
    }

    [Theory]
    [InlineData("1e1000000")]
    [InlineData("-1e1000000")]
    [InlineData("1e-1000000")]
    [InlineData("1e131071")]
    public async Task A_number_postgresql_cannot_store_is_a_400_naming_its_path(string number)
    {
        var response = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/templates",
            TemplateRequests.Create($"number-{number.Length}-{number[0]}", defaultConfig: $$$"""{"limits": {"max": [{{{number}}}]}}""")));

        response.Problem.Errors!.Keys.ShouldBe(["defaultConfig.limits.max[0]"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_with_or_without_a_declared_length()
    {
        var limit = RequestBodyLimits.DefaultMaxBytes;
        var huge = Encoding.UTF8.GetBytes($$"""{"name": "{{new string('x', (int)limit)}}"}""");

        var declared = await SendAsync("POST", "/beneficiary-groups", huge, "application/json", declareLength: true);
        var chunked = await SendAsync("POST", "/beneficiary-groups", huge, "application/json", declareLength: false);

        declared.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, declared.Body);
        chunked.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, chunked.Body);
        declared.Problem.Title.ShouldBe("Request body too large");
    }

    [Fact]
    public async Task A_configuration_document_over_its_own_limit_is_a_400_naming_the_field()
    {
        var big = new string('x', ConfigDocumentRules.MaxBytes);

        var response = await RefusedWithNothingAppendedAsync(() => fixture.Host.PostAsync("/templates",
            TemplateRequests.Create("big-defaults", defaultConfig: $$"""{"note": "{{big}}"}""")));

        response.Problem.Errors!["defaultConfig"].ShouldHaveSingleItem().ShouldContain($"at most {ConfigDocumentRules.MaxBytes} bytes");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_body_that_is_not_declared_json_is_a_415_even_when_it_holds_a_nul(string? contentType)
    {
        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var body = Encoding.UTF8.GetBytes("""{"name": "nul \u0000 inside"}""");

        var response = await SendAsync("POST", "/beneficiary-groups", body, contentType);

        response.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType, response.Body);
        response.Problem.Detail!.ShouldContain("application/json");
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
    }

    [Fact]
    public async Task An_external_event_without_a_json_content_type_is_refused_not_accepted_and_dead_lettered()
    {
        var envelopes = await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where {Inbox.ExceptReminders}");
        var body = Encoding.UTF8.GetBytes($$"""{"eventId": "nul-1", "userId": "u\u0000", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""");

        var untyped = await SendAsync("POST", "/events/kintell", body, contentType: null);
        var typed = await SendAsync("POST", "/events/kintell", body, "application/json");

        untyped.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType, untyped.Body);
        typed.Status.ShouldBe(HttpStatusCode.BadRequest, typed.Body);
        typed.Problem.Errors!.Keys.ShouldBe(["userId"]);
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where {Inbox.ExceptReminders}")).ShouldBe(envelopes);
        (await Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from wolverine_dead_letters")).ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_behind_a_utf8_byte_order_mark_is_a_400_not_a_500()
    {
        // Found by the generated suite (50,000 cases): the deserializer skips the BOM, the guard's scan did not.
        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"name": "G", "description": "a\u0000b"}""")).ToArray();

        var response = await SendAsync("POST", "/beneficiary-groups", body, "application/json");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Errors!.Keys.ShouldBe(["description"]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
    }

    [Fact]
    public async Task A_json_body_with_a_charset_or_a_json_suffix_type_is_still_accepted()
    {
        var plain = await SendAsync("POST", "/beneficiary-groups", Encoding.UTF8.GetBytes("""{"name": "Charset group"}"""), "application/json; charset=utf-8");
        var suffixed = await SendAsync("POST", "/beneficiary-groups", Encoding.UTF8.GetBytes("""{"name": "Suffix group"}"""), "application/vnd.eventsourced+json");

        plain.Status.ShouldBe(HttpStatusCode.Created, plain.Body);
        suffixed.Status.ShouldBe(HttpStatusCode.Created, suffixed.Body);
    }

    private async Task<ApiResponse> RefusedWithNothingAppendedAsync(Func<Task<ApiResponse>> send)
    {
        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var watch = Stopwatch.StartNew();

        var response = await send();

        watch.Elapsed.ShouldBeLessThan(Quickly + ValidationBudget.PatternRetryTimeout, "an answer, not a hang");
        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events, "a refused request appends nothing");
        return response;
    }

    private async Task<Guid> CreatedIdAsync(string path, string body)
    {
        var response = await fixture.Host.PostAsync(path, body);
        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<ApiResponse> SendAsync(string method, string path, byte[] body, string? contentType, bool declareLength = true)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            (method == "PUT" ? s.Put : s.Post).Url(path);
            s.ConfigureHttpContext(context =>
            {
                context.Request.Body = new MemoryStream(body);
                context.Request.ContentLength = declareLength ? body.Length : null;
                context.Request.ContentType = contentType;
            });
            s.IgnoreStatusCode();
        });
        var response = result.Context.Response;
        return new ApiResponse((HttpStatusCode)response.StatusCode, await result.ReadAsTextAsync(), null);
    }
}
