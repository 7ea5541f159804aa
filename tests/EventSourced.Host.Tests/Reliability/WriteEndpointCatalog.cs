using System.Net;
using System.Text.Json;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Host.Tests.Templates;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>
/// Every write endpoint of the host with real resources behind its route ids (created here, names starting with a prefix so
/// two suites can share nothing), a body it would accept, and the kind of each field: what the bad-input suites mutate.
/// </summary>
internal static class WriteEndpointCatalog
{
    /// <summary>A schema that pins every setting, so a configuration can be wrong in many ways.</summary>
    public const string StrictSchema = """
        {"type": "object", "additionalProperties": false, "properties": {"session": {"type": "object", "additionalProperties": false,
          "properties": {"defaultDurationMinutes": {"type": "integer", "minimum": 15, "maximum": 480},
                         "recommendedFrequency": {"type": "string", "enum": ["weekly", "biweekly", "monthly"]}}}}}
        """;

    public const string ValidConfig = """{"session": {"defaultDurationMinutes": 60, "recommendedFrequency": "weekly"}}""";

    /// <summary>A company (an outside id: any GUID but the empty one is valid), fixed so the generated bodies are the same every run.</summary>
    public static readonly Guid Company = new("2f1e7a2c-0000-4000-8000-0000000000b1");

    /// <summary>The write endpoints with real resources behind their ids and a body each would accept.</summary>
    public static async Task<WriteEndpoint[]> CreateAsync(HostFixture fixture, string prefix)
    {
        var host = fixture.Host;
        async Task<Guid> CreatedIdAsync(string path, string body)
        {
            var response = await host.PostAsync(path, body);
            response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
            return JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetGuid();
        }

        var active = await CreatedIdAsync("/templates", TemplateRequests.Create($"{prefix}-active", StrictSchema, ValidConfig));
        (await host.PostAsync($"/templates/{active}/publish", TemplateRequests.PublishKeepingPrevious)).Status.ShouldBe(HttpStatusCode.OK);
        var draft = await CreatedIdAsync("/templates", TemplateRequests.Create($"{prefix}-draft", StrictSchema, ValidConfig));
        var group = await CreatedIdAsync("/beneficiary-groups", $$"""{"name": "{{prefix}} group", "region": "DE", "tags": ["a"]}""");
        var program = await CreatedIdAsync("/programs", $$"""{"templateId": "{{active}}", "name": "{{prefix}} program", "beneficiaryGroupId": "{{group}}"}""");
        (await host.PutAsync($"/programs/{program}/status", """{"status": "active"}""")).Status.ShouldBe(HttpStatusCode.OK);
        var campaignBody = $$"""{"programId": "{{program}}", "companyId": "{{Company}}", "name": "{{prefix}} campaign", "targetEnrollment": 10, "maxEnrollment": 20}""";
        var campaign = await CreatedIdAsync("/campaigns", campaignBody);
        var pending = await CreatedIdAsync("/campaigns", campaignBody);
        var crossed = await host.PutAsync($"/campaigns/{pending}/probability", ApprovalRequests.Probability(92));
        crossed.Status.ShouldBe(HttpStatusCode.OK, crossed.Body);
        var approval = JsonDocument.Parse(crossed.Body).RootElement.GetProperty("approvalRequestId").GetGuid();
        var enrollment = await CreatedIdAsync("/enrollments",
            $$"""{"sourceSystem": "buddy", "externalEventId": "{{prefix}}-1", "userId": "{{prefix}}-user", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""");

        var text = FieldKind.Text;
        var token = FieldKind.Token;
        return
        [
            new("POST", "/templates", "/templates",
                $$"""{"templateKey": "{{prefix}}-new", "name": "New", "category": "mentorship", "description": "d", "defaultConfig": {{ValidConfig}}, "configSchema": {{StrictSchema}}}""",
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
                $$"""{"sourceSystem": "kintell", "externalEventId": "{{prefix}}-2", "userId": "u-2", "companyId": "{{Company}}", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""",
                [new("sourceSystem", token, Required: true), new("externalEventId", text, Required: true), new("userId", text, Required: true),
                    new("companyId", FieldKind.Guid, References: false), new("programType", token, Required: true), new("occurredAt", FieldKind.DateTime, Required: true)]),
            new("PUT", "/enrollments/{id}/status", $"/enrollments/{enrollment}/status", """{"status": "completed"}""", [new("status", token, Required: true)]),
            new("POST", "/events/{source}", "/events/kintell",
                $$"""{"eventId": "{{prefix}}-3", "userId": "u-3", "companyId": "{{Company}}", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""",
                [new("eventId", text, Required: true), new("userId", text, Required: true), new("companyId", FieldKind.Guid, References: false),
                    new("programType", token, Required: true), new("occurredAt", FieldKind.DateTime, Required: true)],
                ExtraFieldsAllowed: true),
            // GDPR erasure of the enrollee above: takes no body, so every body is refused before anything is erased.
            new("DELETE", "/users/{userId}/personal-data", $"/users/{prefix}-user/personal-data?reason=bad-input-suite", "", [], TakesNoBody: true),
        ];
    }
}
