using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventSourced.Host.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> describes every endpoint the host maps: its request body, its typed success response and the
/// problem details of each error it can return. Nothing of Wolverine.Http's guesses (<c>IResult</c>, a bodiless 404) is left.
/// </summary>
public sealed class OpenApiDocumentTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Validation = "#/components/schemas/ValidationProblemDetails";
    private const string Problem = "#/components/schemas/ProblemDetails";

    /// <summary>Every operation with the error statuses its endpoint (and its handler) can answer with.</summary>
    private static readonly Dictionary<string, int[]> Errors = new(StringComparer.Ordinal)
    {
        ["GET /templates"] = [400],
        ["POST /templates"] = [400, 409],
        ["GET /templates/{id}"] = [404],
        ["PUT /templates/{id}"] = [400, 404, 409, 412],
        ["POST /templates/{id}/publish"] = [400, 404, 409, 412],
        ["POST /templates/{id}/versions"] = [400, 404, 409],
        ["POST /templates/{id}/archive"] = [400, 404, 409, 412],
        ["GET /programs"] = [400],
        ["POST /programs"] = [400, 409],
        ["GET /programs/{id}"] = [404],
        ["GET /programs/{id}/config"] = [404],
        ["PUT /programs/{id}/status"] = [400, 404, 409, 412],
        ["POST /programs/{id}/migrate"] = [400, 404, 409, 412],
        ["GET /campaigns"] = [400],
        ["POST /campaigns"] = [400, 409],
        ["GET /campaigns/{id}"] = [404],
        ["GET /campaigns/{id}/config"] = [404],
        ["PUT /campaigns/{id}"] = [400, 404, 409, 412],
        ["PUT /campaigns/{id}/probability"] = [400, 404, 409, 412],
        ["GET /beneficiary-groups"] = [400],
        ["POST /beneficiary-groups"] = [400, 409],
        ["GET /beneficiary-groups/{id}"] = [404],
        ["PUT /beneficiary-groups/{id}"] = [400, 404, 409, 412],
        ["GET /approvals"] = [400],
        ["GET /approvals/{id}"] = [404],
        ["GET /templates/{id}/history"] = [404],
        ["GET /beneficiary-groups/{id}/history"] = [404],
        ["GET /programs/{id}/history"] = [404],
        ["GET /campaigns/{id}/history"] = [404],
        ["GET /approvals/{id}/history"] = [404],
        ["GET /enrollments/{id}/history"] = [404],
        ["DELETE /users/{userId}/personal-data"] = [400],
        ["PUT /approvals/{id}"] = [400, 404, 409, 412],
        ["GET /enrollments"] = [400],
        ["POST /enrollments"] = [400, 409],
        ["GET /enrollments/{id}"] = [404],
        ["PUT /enrollments/{id}/status"] = [400, 404, 409, 412],
        ["POST /events/{source}"] = [400, 404],
        ["GET /admin/integrity"] = [400],
        ["GET /api/workflow/health"] = [],
    };

    /// <summary>Mapped by health checks and the Prometheus exporter, described by the host itself (not JSON commands or queries).</summary>
    private static readonly string[] Operational = ["GET /health/live", "GET /health/ready", "GET /health", "GET /metrics"];

    /// <summary>Commands addressed by their route alone: nothing to send.</summary>
    private static readonly string[] WithoutBody = ["POST /templates/{id}/archive", "POST /templates/{id}/versions", "DELETE /users/{userId}/personal-data"];

    [Fact]
    public async Task Every_endpoint_the_host_maps_is_described_once()
    {
        var document = await DocumentAsync();

        var mapped = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToList();

        Operations(document).Select(o => o.Key).ShouldBe(mapped, ignoreOrder: true);
        mapped.Count.ShouldBe(Errors.Count);
        mapped.ShouldBe(Errors.Keys, ignoreOrder: true);
    }

    [Fact]
    public async Task Every_command_documents_its_request_body()
    {
        var document = await DocumentAsync();

        foreach (var (key, operation) in Operations(document).Where(o => !o.Key.StartsWith("GET ", StringComparison.Ordinal)))
        {
            var body = operation["requestBody"];
            if (WithoutBody.Contains(key))
            {
                body.ShouldBeNull(key);
                continue;
            }

            body.ShouldNotBeNull(key);
            var schema = body["content"]?["application/json"]?["schema"];
            schema.ShouldNotBeNull(key);
            var references = schema["oneOf"] is JsonArray oneOf ? oneOf.Select(s => s?["$ref"]?.GetValue<string>()).ToList() : [Ref(schema)];
            references.ShouldAllBe(r => r != null && r.StartsWith("#/components/schemas/"), key);
        }

        Operation(document, "POST /templates/{id}/publish")["requestBody"]?["required"]?.GetValue<bool>().ShouldNotBe(true, "the body may be left out");
        Operation(document, "POST /templates")["requestBody"]!["required"]!.GetValue<bool>().ShouldBeTrue();
        Operation(document, "POST /events/{source}")["requestBody"]!["content"]!["application/json"]!["schema"]!["oneOf"]!.AsArray()
            .Select(s => Ref(s!)).ShouldBe(
                ["#/components/schemas/KintellSessionCompleted", "#/components/schemas/BuddyMatchCreated", "#/components/schemas/UpskillingCourseEnrolled"]);
    }

    [Fact]
    public async Task Every_operation_has_a_typed_success_response()
    {
        var document = await DocumentAsync();

        foreach (var (key, operation) in Operations(document))
        {
            var successes = Responses(operation).Where(r => r.Status is >= 200 and < 300).ToList();
            successes.ShouldNotBeEmpty(key);
            foreach (var (status, response) in successes)
            {
                var schema = response["content"]?["application/json"]?["schema"];
                schema.ShouldNotBeNull($"{key} {status}");
                var named = schema["type"]?.GetValue<string>() == "array" ? schema["items"] : schema;
                Ref(named!).ShouldStartWith("#/components/schemas/", customMessage: $"{key} {status}");
            }
        }

        SuccessRef(document, "GET /templates/{id}", 200).ShouldBe("#/components/schemas/TemplateView");
        SuccessRef(document, "POST /templates", 201).ShouldBe("#/components/schemas/TemplateView");
        SuccessRef(document, "POST /programs", 201).ShouldBe("#/components/schemas/ProgramView");
        SuccessRef(document, "PUT /campaigns/{id}/probability", 200).ShouldBe("#/components/schemas/CampaignView");
        SuccessRef(document, "GET /programs/{id}/config", 200).ShouldBe("#/components/schemas/ConfigView");
        SuccessRef(document, "PUT /approvals/{id}", 200).ShouldBe("#/components/schemas/ApprovalView");
        SuccessRef(document, "POST /enrollments", 201).ShouldBe("#/components/schemas/EnrollmentView");
        SuccessRef(document, "POST /enrollments", 200).ShouldBe("#/components/schemas/EnrollmentView");
        SuccessRef(document, "POST /events/{source}", 202).ShouldBe("#/components/schemas/ExternalEventAccepted");
        SuccessRef(document, "GET /admin/integrity", 200).ShouldBe("#/components/schemas/IntegrityReport");
        Operation(document, "GET /api/workflow/health")["responses"]!["503"]!["content"]!["application/json"]!["schema"]!["$ref"]!
            .GetValue<string>().ShouldBe("#/components/schemas/WorkflowHealthReport");
        Responses(Operation(document, "POST /templates")).Select(r => r.Status).ShouldNotContain(200, "a creation answers 201");
    }

    [Fact]
    public async Task Every_error_an_endpoint_can_return_is_documented_as_problem_details()
    {
        var document = await DocumentAsync();

        foreach (var (key, operation) in Operations(document))
        {
            var errors = Responses(operation).Where(r => r.Status >= 400 && r.Status != 503).ToList();
            errors.Select(e => e.Status).ShouldBe(Errors[key], ignoreOrder: true, customMessage: key);
            foreach (var (status, response) in errors)
            {
                var content = response["content"]?.AsObject();
                content.ShouldNotBeNull($"{key} {status}");
                content.Select(c => c.Key).ShouldBe(["application/problem+json"], $"{key} {status}");
                Ref(content["application/problem+json"]!["schema"]!).ShouldBe(status == 400 ? Validation : Problem, $"{key} {status}");
            }
        }

        var schemas = document["components"]!["schemas"]!;
        schemas["ValidationProblemDetails"]!["properties"]!["errors"].ShouldNotBeNull();
        schemas["ProblemDetails"]!["additionalProperties"]?.GetValue<bool>().ShouldNotBe(false, "problems carry extensions such as traceId");
    }

    [Fact]
    public async Task Health_and_metrics_are_described_with_their_media_types()
    {
        var document = await DocumentAsync();

        AllOperations(document).Select(o => o.Key).Where(Operational.Contains).ShouldBe(Operational, ignoreOrder: true);
        foreach (var key in Operational)
        {
            var operation = AllOperations(document).Single(o => o.Key == key).Value;
            operation["tags"]![0]!.GetValue<string>().ShouldBe("Operations");
            operation["security"].ShouldBeNull(key);
        }

        var ready = AllOperations(document).Single(o => o.Key == "GET /health/ready").Value["responses"]!;
        Ref(ready["503"]!["content"]!["application/json"]!["schema"]!).ShouldBe("#/components/schemas/HealthReportView");
        AllOperations(document).Single(o => o.Key == "GET /metrics").Value["responses"]!["200"]!["content"]!.AsObject()
            .Select(c => c.Key).ShouldBe(["text/plain"]);
        document["components"]!["schemas"]!["HealthReportView"]!["properties"]!["checks"].ShouldNotBeNull();
    }

    [Fact]
    public async Task IResult_appears_nowhere()
    {
        var response = await fixture.Host.GetAsync("/openapi/v1.json");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Body.ShouldNotContain("IResult");
        JsonNode.Parse(response.Body)!["components"]!["schemas"]!.AsObject().ContainsKey("IResult").ShouldBeFalse();
    }

    [Fact]
    public async Task Every_reference_resolves_and_every_operation_has_one_readable_tag()
    {
        var response = await fixture.Host.GetAsync("/openapi/v1.json");
        var document = JsonNode.Parse(response.Body)!;
        var schemas = document["components"]!["schemas"]!.AsObject();

        foreach (var reference in References(document))
        {
            schemas.ContainsKey(reference["#/components/schemas/".Length..]).ShouldBeTrue(reference);
        }

        foreach (var (key, operation) in Operations(document))
        {
            var tags = operation["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            tags.Count.ShouldBe(1, key);
            tags[0].ShouldNotContain("EventSourced", customMessage: key);
        }

        Operation(document, "GET /beneficiary-groups")["tags"]![0]!.GetValue<string>().ShouldBe("Beneficiary groups");
        Operation(document, "PUT /templates/{id}")["description"]!.GetValue<string>().ShouldStartWith("Edits a draft");
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await fixture.Host.GetAsync("/openapi/v1.json");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return JsonNode.Parse(response.Body)!;
    }

    /// <summary>The API's operations (the operational endpoints are checked on their own).</summary>
    private static List<KeyValuePair<string, JsonObject>> Operations(JsonNode document) =>
        [.. AllOperations(document).Where(o => !Operational.Contains(o.Key))];

    private static List<KeyValuePair<string, JsonObject>> AllOperations(JsonNode document) =>
        [.. document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "post" or "put" or "delete" or "patch")
            .Select(op => KeyValuePair.Create($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!.AsObject())))];

    private static JsonObject Operation(JsonNode document, string key) => Operations(document).Single(o => o.Key == key).Value;

    private static List<(int Status, JsonNode Response)> Responses(JsonObject operation) =>
        [.. operation["responses"]!.AsObject().Select(r => (int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture), r.Value!))];

    private static string? SuccessRef(JsonNode document, string key, int status) =>
        Ref(Operation(document, key)["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!["application/json"]!["schema"]!);

    private static string? Ref(JsonNode schema) => schema["$ref"]?.GetValue<string>();

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v ? [v.GetValue<string>()] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };
}
