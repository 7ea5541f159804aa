using EventSourced.Domain.Enrollments;
using EventSourced.Host.Tests.Security;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;
using System.Net;
using System.Text.Json;

namespace EventSourced.Host.Tests.Audit;

/// <summary>Issue 19 §1: every event says who made the change and which request caused it (Marten's event metadata).</summary>
public sealed class EventMetadataTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    [Fact]
    public async Task A_write_with_a_token_and_a_correlation_id_yields_events_carrying_both()
    {
        var correlation = $"audit-{Guid.NewGuid():N}";
        var token = TestTokens.For("alice@example.org", "operator");

        var created = await fixture.Host.Scenario(s =>
        {
            s.Post.Text(TemplateRequests.Create($"audit-{Guid.NewGuid():N}"[..20])).ToUrl("/templates");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader("X-Correlation-Id", correlation);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        using var body = JsonDocument.Parse(await created.ReadAsTextAsync());
        var templateId = body.RootElement.GetProperty("id").GetGuid();

        var events = await Sql.QueryAsync(fixture.ConnectionString,
            $"select type, user_name, correlation_id, causation_id from mt_events where stream_id = '{templateId}' order by seq_id");
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => (string?)e["user_name"] == "alice@example.org");
        events.ShouldAllBe(e => (string?)e["correlation_id"] == correlation);

        // The same, as the history shows it: to operators, not to reviewers.
        var history = await fixture.Host.SendAsync("GET", $"/templates/{templateId}/history", TestTokens.For("ops-2", "operator"));
        history.Status.ShouldBe(HttpStatusCode.OK, history.Body);
        using var trail = JsonDocument.Parse(history.Body);
        var first = trail.RootElement.GetProperty("events")[0];
        (first.GetProperty("user").GetString(), first.GetProperty("correlationId").GetString(), first.GetProperty("type").GetString())
            .ShouldBe(("alice@example.org", correlation, "template_created.v1"));
        (await fixture.Host.SendAsync("GET", $"/templates/{templateId}/history", TestTokens.For("rev-1", "reviewer"))).Status
            .ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_external_event_s_correlation_id_and_sender_reach_the_enrollment_events_it_causes()
    {
        var correlation = $"kintell-{Guid.NewGuid():N}";
        var eventId = $"audit-{Guid.NewGuid():N}";
        var token = TestTokens.For("kintell-bridge", "operator");

        await fixture.Host.Scenario(s =>
        {
            s.Post.Text($$"""{"eventId": "{{eventId}}", "userId": "audit-user", "programType": "no-such-type", "occurredAt": "2026-11-20T10:00:00Z"}""")
                .ToUrl("/events/kintell");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader("X-Correlation-Id", correlation);
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        var enrollment = EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, eventId);

        // Handled from Wolverine's durable queue, after the request answered.
        List<Dictionary<string, object?>> events = [];
        await Eventually.UntilAsync(async () =>
        {
            events = await Sql.QueryAsync(fixture.ConnectionString,
                $"select type, user_name, correlation_id, causation_id from mt_events where stream_id = '{enrollment}'");
            return events.Count > 0;
        }, "the enrollment was created", TestContext.Current.CancellationToken, TimeSpan.FromSeconds(30));

        events.ShouldAllBe(e => (string?)e["correlation_id"] == correlation);
        events.ShouldAllBe(e => (string?)e["user_name"] == "kintell-bridge", "the caller that posted it, relayed on the message");
        events.ShouldAllBe(e => e["causation_id"] != null, "the message that caused them");
    }
}
