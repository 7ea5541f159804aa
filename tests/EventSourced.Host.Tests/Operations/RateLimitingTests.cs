using System.Net;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Operations;

/// <summary>Writes over <c>RateLimiting:Writes:PermitLimit</c> get 429 with <c>Retry-After</c>; reads and health do not.</summary>
public sealed class RateLimitingTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    [Fact]
    public async Task The_third_write_in_the_window_is_429_with_retry_after_while_reads_go_on()
    {
        await using var host = await TestHosts.StartAsync(db.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimiting:Writes:PermitLimit"] = "2",
            ["RateLimiting:Writes:Window"] = "00:01:00",
        });

        (await host.PostAsync("/templates", TemplateRequests.Create("limited-1"))).Status.ShouldBe(HttpStatusCode.Created);
        (await host.PostAsync("/templates", TemplateRequests.Create("limited-2"))).Status.ShouldBe(HttpStatusCode.Created);
        var result = await host.Scenario(s =>
        {
            s.Post.Text(TemplateRequests.Create("limited-3")).ToUrl("/templates");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(HttpStatusCode.TooManyRequests);
        });

        int.Parse(result.Context.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await result.ReadAsTextAsync()).ShouldContain("Too many requests");
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_templates")).ShouldBe(2, "the refused write appended nothing");
        (await host.GetAsync("/templates")).Status.ShouldBe(HttpStatusCode.OK);
        (await host.GetAsync("/health/live")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
