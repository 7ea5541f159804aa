using System.Globalization;
using System.Net;
using Alba;
using EventSourced.Host.Tests.Security;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventSourced.Host.Tests.Operations;

/// <summary>Writes over <c>RateLimiting:Writes:PermitLimit</c> get 429 with <c>Retry-After</c>; reads and health do not.
/// Each authenticated subject has a budget of its own; anonymous callers share their address's.</summary>
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

        int.Parse(result.Context.Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await result.ReadAsTextAsync()).ShouldContain("Too many requests");
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_templates where template_key like 'limited-%'"))
            .ShouldBe(2, "the refused write appended nothing");
        (await host.GetAsync("/templates")).Status.ShouldBe(HttpStatusCode.OK);
        (await host.GetAsync("/health/live")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_anonymous_flood_from_the_operators_address_does_not_throttle_the_operator()
    {
        var settings = new Dictionary<string, string?>(TestTokens.HostSettings)
        {
            ["RateLimiting:Writes:PermitLimit"] = "3",
            ["RateLimiting:Writes:Window"] = "00:10:00",
        };
        await using var host = await TestHosts.StartAsync(db.ConnectionString, settings);

        // Every request of the test server comes from the same (unknown) address.
        var anonymous = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            anonymous.Add((await host.SendAsync("POST", "/templates", token: null, TemplateRequests.Create($"noise-{i}"))).Status);
        }

        var olga = TestTokens.For("olga", "operator");
        var operatorWrites = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            operatorWrites.Add((await host.SendAsync("POST", "/templates", olga, TemplateRequests.Create($"olga-{i}"))).Status);
        }

        var oscar = (await host.SendAsync("POST", "/templates", TestTokens.For("oscar", "operator"), TemplateRequests.Create("oscar-0"))).Status;

        anonymous.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], "anonymous callers are limited by address, before authorization");
        operatorWrites.ShouldBe([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests],
            "the operator has a budget of her own, and it is limited too");
        oscar.ShouldBe(HttpStatusCode.Created, "another subject is not throttled by olga's writes");
    }

    [Fact]
    public async Task Retry_after_is_the_time_left_in_the_window_not_the_whole_window()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 9, 0, 3, TimeSpan.Zero)); // 3 s into a 10 s window
        await using var host = await TestHosts.StartAsync(db.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimiting:Writes:PermitLimit"] = "2",
            ["RateLimiting:Writes:Window"] = "00:00:10",
        }, services => services.AddSingleton<TimeProvider>(clock));

        (await host.PostAsync("/templates", TemplateRequests.Create("window-1"))).Status.ShouldBe(HttpStatusCode.Created);
        (await host.PostAsync("/templates", TemplateRequests.Create("window-2"))).Status.ShouldBe(HttpStatusCode.Created);
        (await RefusedRetryAfterAsync(host, "window-3")).ShouldBe(7);

        clock.Now = clock.Now.AddSeconds(4.5);
        (await RefusedRetryAfterAsync(host, "window-3")).ShouldBe(3, "2.5 s are left, rounded up so the retry lands in the next window");

        clock.Now = new DateTimeOffset(2026, 11, 23, 9, 0, 10, TimeSpan.Zero);
        (await host.PostAsync("/templates", TemplateRequests.Create("window-3"))).Status.ShouldBe(HttpStatusCode.Created, "a new window, a new budget");
    }

    private static async Task<int> RefusedRetryAfterAsync(IAlbaHost host, string key)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Text(TemplateRequests.Create(key)).ToUrl("/templates");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(HttpStatusCode.TooManyRequests);
        });
        return int.Parse(result.Context.Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture);
    }
}
