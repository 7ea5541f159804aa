using System.Net;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Security;

/// <summary>Every refused request leaves a row in <c>authorization_audit</c> that runbook 003's query finds.</summary>
public sealed class AuthorizationAuditTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    /// <summary>Runbook 003, "Review Audit Logs", verbatim.</summary>
    private const string RunbookQuery = """
        SELECT 
            user_id,
            action,
            resource_type,
            granted,
            occurred_at
        FROM authorization_audit
        WHERE granted = FALSE
          AND occurred_at > NOW() - INTERVAL '1 hour'
        ORDER BY occurred_at DESC
        LIMIT 50;
        """;

    [Fact]
    public async Task Refusals_are_recorded_with_who_what_and_why_and_the_runbook_query_finds_them()
    {
        var approval = Guid.NewGuid();
        (await fixture.Host.SendAsync("PUT", $"/approvals/{approval}", TestTokens.For("oscar", "operator"), """{"decision":"approve","reviewer":"oscar"}"""))
            .Status.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Host.SendAsync("GET", "/admin/integrity", TestTokens.For("rita", "reviewer"))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Host.SendAsync("POST", "/campaigns", token: null)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var rows = await Sql.QueryAsync(fixture.ConnectionString,
            "select user_id, action, resource_type, resource_id, granted, status, reason from authorization_audit order by id");
        rows.Select(r => $"{r["user_id"] ?? "-"} | {r["action"]} | {r["resource_type"]} | {r["resource_id"] ?? "-"} | {r["granted"]} | {r["status"]}").ShouldBe(
        [
            $"oscar | PUT /approvals/{{id}} | approvals | {approval} | False | 403",
            "rita | GET /admin/integrity | admin | - | False | 403",
            "- | POST /campaigns | campaigns | - | False | 401",
        ]);
        rows[0]["reason"]!.ToString()!.ShouldContain("needs the role reviewer or admin; the token has operator");

        var found = await Sql.QueryAsync(fixture.ConnectionString, RunbookQuery);
        found.Select(r => r["user_id"]?.ToString() ?? "-").ShouldBe(["-", "rita", "oscar"]);
    }

    [Fact]
    public async Task Granted_requests_are_not_recorded_by_default()
    {
        var before = await Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from authorization_audit where granted");

        (await fixture.Host.SendAsync("GET", "/templates", TestTokens.For("olga", "operator"))).Status.ShouldBe(HttpStatusCode.OK);

        (await Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from authorization_audit where granted")).ShouldBe(before);
    }
}
