using System.Net;
using System.Text.Json;

namespace EventSourced.Host.Tests.Operations;

/// <summary>Liveness, readiness and the summary, as a load balancer and an operator read them.</summary>
public sealed class HealthTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Live_answers_without_checking_anything()
    {
        var response = await fixture.Host.GetAsync("/health/live");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Body.ShouldBe("Healthy");
    }

    [Fact]
    public async Task Ready_checks_the_database_the_schema_and_wolverine()
    {
        var response = await fixture.Host.GetAsync("/health/ready");

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var checks = JsonDocument.Parse(response.Body).RootElement.GetProperty("checks");
        checks.GetProperty("postgresql").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("marten-schema").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("wolverine").GetProperty("status").GetString().ShouldBeOneOf("Healthy", "Degraded");
    }

    [Fact]
    public async Task The_summary_lists_every_check_with_its_duration()
    {
        var root = JsonDocument.Parse((await fixture.Host.GetAsync("/health")).Body).RootElement;

        root.GetProperty("status").GetString().ShouldBeOneOf("Healthy", "Degraded");
        root.GetProperty("checks").EnumerateObject().Select(c => c.Name).ShouldBe(["postgresql", "marten-schema", "wolverine", "approval-workflow"], ignoreOrder: true);
        root.GetProperty("checks").EnumerateObject().ShouldAllBe(c => c.Value.GetProperty("durationMs").GetDouble() >= 0);
        root.GetProperty("checks").GetProperty("approval-workflow").GetProperty("description").GetString().ShouldStartWith("Approval workflow enabled; ");
    }
}
