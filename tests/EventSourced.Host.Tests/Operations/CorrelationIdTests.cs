using EventSourced.Testing;
using System.Net;
using EventSourced.Host.Http;

namespace EventSourced.Host.Tests.Operations;

/// <summary><c>X-Correlation-Id</c>: accepted, echoed, generated when absent, and on every log line of the request and
/// of the messages it sends.</summary>
public sealed class CorrelationIdTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_incoming_id_is_echoed()
    {
        (await HeaderAsync("/health/live", "req-42")).ShouldBe("req-42");
    }

    [Fact]
    public async Task Without_one_an_id_is_made_and_echoed()
    {
        var id = await HeaderAsync("/health/live", null);

        id.ShouldNotBeNullOrWhiteSpace();
        (await HeaderAsync("/health/live", null)).ShouldNotBe(id);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("line\u0001break")]
    public async Task An_unprintable_id_is_replaced_not_echoed(string incoming)
    {
        var id = await HeaderAsync("/health/live", incoming);

        id.ShouldNotBe(incoming);
        id.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task An_overlong_id_is_replaced()
    {
        var incoming = new string('a', CorrelationId.MaxLength + 1);

        (await HeaderAsync("/health/live", incoming)).ShouldNotBe(incoming);
    }

    [Fact]
    public async Task The_handler_of_an_external_event_logs_with_the_request_s_correlation_id()
    {
        var eventId = $"corr-{Guid.NewGuid():N}";
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Text($$"""{"eventId": "{{eventId}}", "userId": "user-{{eventId}}", "programType": "no-such-type-{{eventId}}", "occurredAt": "2026-11-20T10:00:00Z"}""")
                .ToUrl("/events/kintell");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader(CorrelationId.Header, eventId);
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        result.Context.Response.Headers[CorrelationId.Header].ToString().ShouldBe(eventId);

        await Eventually.UntilAsync(() => fixture.Logs.Lines.Any(l => l.Message.Contains($"user-{eventId}", StringComparison.Ordinal)),
            "the handler logged the enrollment of the published event", TestContext.Current.CancellationToken, TimeSpan.FromSeconds(30));

        var line = fixture.Logs.Lines.First(l => l.Message.Contains($"user-{eventId}", StringComparison.Ordinal));
        line.Message.ShouldContain("No matching program found");
        line.Scope["CorrelationId"].ShouldBe(eventId);
    }

    private async Task<string?> HeaderAsync(string url, string? incoming)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (incoming is not null)
            {
                s.WithRequestHeader(CorrelationId.Header, incoming);
            }
        });
        return result.Context.Response.Headers[CorrelationId.Header].ToString();
    }
}
