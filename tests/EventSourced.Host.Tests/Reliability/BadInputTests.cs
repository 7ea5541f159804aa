using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>
/// Thousands of generated malformed and hostile bodies against every write endpoint of the host (<see cref="BadBodies"/>):
/// never a 5xx, every answer a 4xx RFC 7807 problem, and not one event appended or message queued. The route ids name real
/// resources, so what is tested is the body; illegal route ids are a category of their own.
/// </summary>
public sealed class BadInputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int Concurrency = 8;

    /// <summary>A schema that pins every setting, so a configuration can be wrong in many ways.</summary>
    private const string StrictSchema = """
        {"type": "object", "additionalProperties": false, "properties": {"session": {"type": "object", "additionalProperties": false,
          "properties": {"defaultDurationMinutes": {"type": "integer", "minimum": 15, "maximum": 480},
                         "recommendedFrequency": {"type": "string", "enum": ["weekly", "biweekly", "monthly"]}}}}}
        """;

    /// <summary>A company (an outside id: any GUID but the empty one is valid), fixed so the generated bodies are the same every run.</summary>
    private static readonly Guid Company = new("2f1e7a2c-0000-4000-8000-0000000000b1");

    private const string ValidConfig = """{"session": {"defaultDurationMinutes": 60, "recommendedFrequency": "weekly"}}""";

    [Fact]
    public async Task Thousands_of_malformed_and_hostile_bodies_on_every_write_endpoint_get_4xx_problems_and_append_nothing()
    {
        var endpoints = await WriteEndpointsAsync();
        (await WriteRoutesInTheOpenApiDocumentAsync()).ShouldBe(endpoints.Select(e => e.ToString()).Distinct(), ignoreOrder: true,
            "every write endpoint the host serves is covered");

        var requests = endpoints.SelectMany((e, i) => BadBodies.For(e, seed: 1000 + i).Concat(BadBodies.IllegalRouteIds(e, IdIn(e)))).ToArray();
        requests.Length.ShouldBeGreaterThanOrEqualTo(5000);
        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var envelopes = await Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from wolverine_incoming_envelopes");

        var outcomes = new ConcurrentBag<(BadRequest Request, HttpStatusCode Status, string? ContentType, string Body)>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = TestContext.Current.CancellationToken },
            async (request, _) => outcomes.Add(await SendAsync(request)));

        var failures = outcomes.Where(o => (int)o.Status is < 400 or >= 500 || !IsProblem(o.ContentType, o.Body))
            .Select(o => $"{(int)o.Status} {o.ContentType} for {o.Request}\n    -> {(o.Body.Length > 400 ? o.Body[..400] : o.Body)}")
            .ToArray();
        var summary = string.Join("; ", outcomes.GroupBy(o => o.Request.Category).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count()}")) + $"; statuses: " +
            string.Join(", ", outcomes.GroupBy(o => (int)o.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{outcomes.Count} bad requests on {endpoints.Length} write endpoints: {summary}");

        failures.ShouldBeEmpty($"{failures.Length} of {outcomes.Count} answers were not a 4xx problem:\n{string.Join('\n', failures.Take(40))}");
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken); // anything queued would be handled by now
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events, "no bad request appended an event");
        (await Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from wolverine_incoming_envelopes")).ShouldBe(envelopes, "no bad request queued a message");
        TestContext.Current.TestOutputHelper?.WriteLine($"events before and after: {events}; 5xx: {outcomes.Count(o => (int)o.Status >= 500)}; " +
            $"not problem details: {outcomes.Count(o => !IsProblem(o.ContentType, o.Body))}");
    }

    /// <summary>The write endpoints with real resources behind their ids and a body each would accept.</summary>
    private async Task<WriteEndpoint[]> WriteEndpointsAsync()
    {
        var host = fixture.Host;
        var active = await CreatedIdAsync("/templates", TemplateRequests.Create("bad-input-active", StrictSchema, ValidConfig));
        (await host.PostAsync($"/templates/{active}/publish", TemplateRequests.PublishKeepingPrevious)).Status.ShouldBe(HttpStatusCode.OK);
        var draft = await CreatedIdAsync("/templates", TemplateRequests.Create("bad-input-draft", StrictSchema, ValidConfig));
        var group = await CreatedIdAsync("/beneficiary-groups", """{"name": "Bad input group", "region": "DE", "tags": ["a"]}""");
        var program = await CreatedIdAsync("/programs", $$"""{"templateId": "{{active}}", "name": "Bad input program", "beneficiaryGroupId": "{{group}}"}""");
        (await host.PutAsync($"/programs/{program}/status", """{"status": "active"}""")).Status.ShouldBe(HttpStatusCode.OK);
        var campaignBody = $$"""{"programId": "{{program}}", "companyId": "{{Company}}", "name": "Bad input campaign", "targetEnrollment": 10, "maxEnrollment": 20}""";
        var campaign = await CreatedIdAsync("/campaigns", campaignBody);
        var pending = await CreatedIdAsync("/campaigns", campaignBody);
        var crossed = await host.PutAsync($"/campaigns/{pending}/probability", ApprovalRequests.Probability(92));
        crossed.Status.ShouldBe(HttpStatusCode.OK, crossed.Body);
        var approval = JsonDocument.Parse(crossed.Body).RootElement.GetProperty("approvalRequestId").GetGuid();
        var enrollment = await CreatedIdAsync("/enrollments",
            """{"sourceSystem": "buddy", "externalEventId": "bad-input-1", "userId": "bad-input-user", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""");

        var text = FieldKind.Text;
        var token = FieldKind.Token;
        return
        [
            new("POST", "/templates", "/templates",
                $$"""{"templateKey": "bad-input-new", "name": "New", "category": "mentorship", "description": "d", "defaultConfig": {{ValidConfig}}, "configSchema": {{StrictSchema}}}""",
                [new("templateKey", token, Required: true), new("name", text, Required: true), new("category", token, Required: true), new("description", text),
                    new("defaultConfig", FieldKind.Config), new("configSchema", FieldKind.Schema)]),
            new("PUT", "/templates/{id}", $"/templates/{draft}",
                $$"""{"name": "Renamed", "description": "d", "category": "mentorship", "defaultConfig": {{ValidConfig}}, "configSchema": {{StrictSchema}}}""",
                [new("name", text), new("description", text), new("category", token), new("defaultConfig", FieldKind.Config), new("configSchema", FieldKind.Schema)]),
            new("POST", "/templates/{id}/publish", $"/templates/{draft}/publish", """{"deprecatePrevious": false}""", [new("deprecatePrevious", FieldKind.Boolean)],
                BodyOptional: true),
            new("POST", "/templates/{id}/versions", $"/templates/{active}/versions", "", [], TakesNoBody: true),
            new("POST", "/templates/{id}/archive", $"/templates/{active}/archive", "", [], TakesNoBody: true),
            new("POST", "/beneficiary-groups", "/beneficiary-groups", """{"name": "G", "description": "d", "region": "DE", "tags": ["a"]}""",
                [new("name", text, Required: true), new("description", text), new("region", text), new("tags", FieldKind.TextList)]),
            new("PUT", "/beneficiary-groups/{id}", $"/beneficiary-groups/{group}", """{"name": "G2", "description": "d", "region": "DE", "tags": ["a"]}""",
                [new("name", text), new("description", text), new("region", text), new("tags", FieldKind.TextList)]),
            new("POST", "/programs", "/programs",
                $$"""{"templateId": "{{active}}", "name": "P", "beneficiaryGroupId": "{{group}}", "configOverrides": {{ValidConfig}}, "tags": ["a"], "sdgGoals": [4]}""",
                [new("templateId", FieldKind.Guid, Required: true), new("name", text, Required: true), new("beneficiaryGroupId", FieldKind.Guid, Required: true),
                    new("configOverrides", FieldKind.Config), new("tags", FieldKind.TextList), new("sdgGoals", FieldKind.IntegerList)]),
            new("PUT", "/programs/{id}/status", $"/programs/{program}/status", """{"status": "paused"}""", [new("status", token, Required: true)]),
            new("POST", "/programs/{id}/migrate", $"/programs/{program}/migrate", $$"""{"templateId": "{{active}}"}""", [new("templateId", FieldKind.Guid, Required: true)]),
            new("POST", "/campaigns", "/campaigns",
                $$"""{"programId": "{{program}}", "companyId": "{{Company}}", "name": "C", "targetEnrollment": 10, "maxEnrollment": 20, "budget": {"amount": 100, "currency": "EUR"}, "startDate": "2027-01-15", "endDate": "2027-06-30", "configOverrides": {{ValidConfig}}}""",
                [new("programId", FieldKind.Guid, Required: true), new("companyId", FieldKind.Guid, Required: true, References: false), new("name", text, Required: true),
                    new("targetEnrollment", FieldKind.Integer, Required: true), new("maxEnrollment", FieldKind.Integer, Required: true), new("budget", FieldKind.Object),
                    new("startDate", FieldKind.Date), new("endDate", FieldKind.Date), new("configOverrides", FieldKind.Config)]),
            new("PUT", "/campaigns/{id}", $"/campaigns/{campaign}",
                $$"""{"name": "C2", "targetEnrollment": 10, "maxEnrollment": 20, "budget": {"amount": 100, "currency": "EUR"}, "startDate": "2027-01-15", "endDate": "2027-06-30", "configOverrides": {{ValidConfig}}, "probability": 50}""",
                [new("name", text), new("targetEnrollment", FieldKind.Integer), new("maxEnrollment", FieldKind.Integer), new("budget", FieldKind.Object),
                    new("startDate", FieldKind.Date), new("endDate", FieldKind.Date), new("configOverrides", FieldKind.Config), new("probability", FieldKind.Integer)]),
            new("PUT", "/campaigns/{id}/probability", $"/campaigns/{campaign}/probability", """{"probability": 50}""", [new("probability", FieldKind.Integer, Required: true)]),
            new("PUT", "/approvals/{id}", $"/approvals/{approval}", """{"action": "approve", "reviewerId": "r-1", "reason": "Budget confirmed"}""",
                [new("action", token, Required: true), new("reviewerId", text, Required: true), new("reason", text)]),
            new("POST", "/enrollments", "/enrollments",
                $$"""{"sourceSystem": "kintell", "externalEventId": "bad-input-2", "userId": "u-2", "companyId": "{{Company}}", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""",
                [new("sourceSystem", token, Required: true), new("externalEventId", text, Required: true), new("userId", text, Required: true),
                    new("companyId", FieldKind.Guid, References: false), new("programType", token, Required: true), new("occurredAt", FieldKind.DateTime, Required: true)]),
            new("PUT", "/enrollments/{id}/status", $"/enrollments/{enrollment}/status", """{"status": "completed"}""", [new("status", token, Required: true)]),
            new("POST", "/events/{source}", "/events/kintell",
                $$"""{"eventId": "bad-input-3", "userId": "u-3", "companyId": "{{Company}}", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""",
                [new("eventId", text, Required: true), new("userId", text, Required: true), new("companyId", FieldKind.Guid, References: false),
                    new("programType", token, Required: true), new("occurredAt", FieldKind.DateTime, Required: true)],
                ExtraFieldsAllowed: true),
        ];
    }

    private async Task<Guid> CreatedIdAsync(string path, string body)
    {
        var response = await fixture.Host.PostAsync(path, body);
        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetGuid();
    }

    private static Guid IdIn(WriteEndpoint endpoint) =>
        endpoint.Path.Split('/').Select(segment => Guid.TryParse(segment, out var id) ? id : Guid.Empty).FirstOrDefault(id => id != Guid.Empty);

    private async Task<string[]> WriteRoutesInTheOpenApiDocumentAsync()
    {
        var document = JsonDocument.Parse((await fixture.Host.GetAsync("/openapi/v1.json")).Body).RootElement;
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Where(route => route.Split(' ')[0] is "POST" or "PUT" or "PATCH" or "DELETE")
            .ToArray();
    }

    private async Task<(BadRequest, HttpStatusCode, string?, string)> SendAsync(BadRequest request)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            (request.Endpoint.Method == "PUT" ? s.Put : s.Post).Url(request.Path);
            s.ByteArray(request.Body);
            s.WithRequestHeader("Content-Type", "application/json");
            s.IgnoreStatusCode();
        });
        var response = result.Context.Response;
        return (request, (HttpStatusCode)response.StatusCode, response.ContentType, await result.ReadAsTextAsync());
    }

    private static bool IsProblem(string? contentType, string body)
    {
        if (contentType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
        {
            return false;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("title", out _) && document.RootElement.TryGetProperty("status", out _);
    }
}
