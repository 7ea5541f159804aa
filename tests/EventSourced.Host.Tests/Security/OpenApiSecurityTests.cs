using System.Net;
using System.Text.Json.Nodes;

namespace EventSourced.Host.Tests.Security;

/// <summary>With authentication on, the OpenAPI document declares the bearer scheme and, per operation, its roles and 401/403.</summary>
public sealed class OpenApiSecurityTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    [Fact]
    public async Task Every_operation_requires_the_bearer_scheme_and_documents_401_and_403()
    {
        var (status, body, _) = await fixture.Host.SendAsync("GET", "/openapi/v1.json", token: null);
        status.ShouldBe(HttpStatusCode.OK);
        var document = JsonNode.Parse(body)!;

        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        var operations = document["paths"]!.AsObject()
            .Where(path => !path.Key.StartsWith("/health", StringComparison.Ordinal) && path.Key != "/metrics") // anonymous
            .SelectMany(path => path.Value!.AsObject().Select(op => (Key: $"{op.Key} {path.Key}", Operation: op.Value!))).ToList();
        operations.Count.ShouldBe(40);
        foreach (var (key, operation) in operations)
        {
            operation["security"]!.AsArray().Single()!.AsObject().ContainsKey("Bearer").ShouldBeTrue(key);
            operation["responses"]!.AsObject().ContainsKey("401").ShouldBeTrue(key);
            operation["responses"]!.AsObject().ContainsKey("403").ShouldBeTrue(key);
        }

        document["paths"]!["/health/ready"]!["get"]!["security"].ShouldBeNull();
        operations.Single(o => o.Key == "put /approvals/{id}").Operation["description"]!.GetValue<string>().ShouldContain("Requires the role reviewer or admin.");
    }
}
