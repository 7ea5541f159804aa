using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventSourced.Host.Tests.Security;

/// <summary>
/// Every endpoint against every role: reads are open to operator, reviewer and admin; writes to operator and admin;
/// deciding an approval to reviewer and admin; /admin to admin alone. A token without a role may do nothing (403).
/// </summary>
public sealed class RoleRulesTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    private static readonly string[] Anyone = ["operator", "reviewer", "admin"];
    private static readonly string[] Operators = ["operator", "admin"];
    private static readonly string[] Reviewers = ["reviewer", "admin"];
    private static readonly string[] Admins = ["admin"];

    /// <summary>Written out rather than derived from the policy code, so a change to either shows here.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GET /templates"] = Anyone,
        ["GET /templates/{id}"] = Anyone,
        ["POST /templates"] = Operators,
        ["PUT /templates/{id}"] = Operators,
        ["POST /templates/{id}/publish"] = Operators,
        ["POST /templates/{id}/versions"] = Operators,
        ["POST /templates/{id}/archive"] = Operators,
        ["GET /beneficiary-groups"] = Anyone,
        ["GET /beneficiary-groups/{id}"] = Anyone,
        ["POST /beneficiary-groups"] = Operators,
        ["PUT /beneficiary-groups/{id}"] = Operators,
        ["GET /programs"] = Anyone,
        ["GET /programs/{id}"] = Anyone,
        ["GET /programs/{id}/config"] = Anyone,
        ["POST /programs"] = Operators,
        ["PUT /programs/{id}/status"] = Operators,
        ["POST /programs/{id}/migrate"] = Operators,
        ["GET /campaigns"] = Anyone,
        ["GET /campaigns/{id}"] = Anyone,
        ["GET /campaigns/{id}/config"] = Anyone,
        ["POST /campaigns"] = Operators,
        ["PUT /campaigns/{id}"] = Operators,
        ["PUT /campaigns/{id}/probability"] = Operators,
        ["GET /approvals"] = Anyone,
        ["GET /approvals/{id}"] = Anyone,
        ["PUT /approvals/{id}"] = Reviewers,
        ["GET /enrollments"] = Anyone,
        ["GET /enrollments/{id}"] = Anyone,
        ["POST /enrollments"] = Operators,
        ["PUT /enrollments/{id}/status"] = Operators,
        ["POST /events/{source}"] = Operators,
        ["GET /api/workflow/health"] = Anyone,
        ["GET /admin/integrity"] = Admins,
        ["GET /templates/{id}/history"] = Operators, // a history names who did what
        ["GET /beneficiary-groups/{id}/history"] = Operators,
        ["GET /programs/{id}/history"] = Operators,
        ["GET /campaigns/{id}/history"] = Operators,
        ["GET /approvals/{id}/history"] = Operators,
        ["GET /enrollments/{id}/history"] = Operators,
        ["DELETE /users/{userId}/personal-data"] = Admins, // GDPR erasure
    };

    [Fact]
    public void Every_endpoint_the_host_maps_has_a_role_rule()
    {
        var mapped = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToList();

        mapped.ShouldBe(Allowed.Keys, ignoreOrder: true, "every API endpoint requires a role, and this table names them all");
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("reviewer")]
    [InlineData("admin")]
    [InlineData(null)]
    public async Task Each_role_gets_exactly_the_endpoints_its_rule_allows(string? role)
    {
        var token = TestTokens.For($"user-{role ?? "without-role"}", role is null ? [] : [role]);
        var wrong = new List<string>();
        foreach (var (endpoint, roles) in Allowed)
        {
            var (status, body, _) = await fixture.Host.SendAsync(endpoint.Split(' ')[0], Url(endpoint), token);
            var allowed = role is not null && roles.Contains(role);
            if (allowed ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{endpoint} as {role ?? "no role"}: {(int)status} {body}");
            }
            else if (!allowed)
            {
                body.ShouldContain("\"status\":403");
                body.ShouldContain($"needs the role {string.Join(" or ", roles)}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    private static string Url(string endpoint) =>
        endpoint.Split(' ')[1].Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{source}", "crm", StringComparison.Ordinal)
            .Replace("{userId}", "nobody-known", StringComparison.Ordinal);
}
