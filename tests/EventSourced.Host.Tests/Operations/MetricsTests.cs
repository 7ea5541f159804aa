using System.Net;
using EventSourced.Host.Tests.Templates;

namespace EventSourced.Host.Tests.Operations;

/// <summary><c>GET /metrics</c>: Prometheus text with the HTTP, domain and integrity instruments the runbooks alert on.</summary>
public sealed class MetricsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Metrics_expose_requests_enrollments_lookup_failures_config_failures_and_integrity_findings()
    {
        (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("metrics"))).Status.ShouldBe(HttpStatusCode.Created);
        (await fixture.Host.PostAsync("/enrollments", $$"""
            {"sourceSystem": "kintell", "externalEventId": "metrics-{{Guid.NewGuid():N}}", "userId": "metrics-user", "programType": "no-such-type",
             "occurredAt": "2026-11-20T10:00:00Z"}
            """)).Status.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        (await fixture.Host.GetAsync("/admin/integrity")).Status.ShouldBe(HttpStatusCode.OK);

        var text = await ScrapeAsync();

        text.ShouldContain("http_server_request_duration_seconds_bucket");
        text.ShouldContain("http_response_status_code=\"201\"");
        text.ShouldContain("eventsourced_enrollments_created_total{");
        text.ShouldContain("with_program=\"false\"");
        text.ShouldContain("eventsourced_program_lookup_failures_total{");
        text.ShouldContain("eventsourced_integrity_findings{");
        text.ShouldContain("kind=\"column-mismatch\"");
        // Runbook 004's memory, CPU and database-connection figures: .NET's runtime meter and Npgsql's connection pool.
        text.ShouldContain("dotnet_gc_heap_total_allocated_bytes_total");
        text.ShouldContain("dotnet_process_cpu_time_seconds_total");
        text.ShouldContain("db_client_connection");
    }

    private async Task<string> ScrapeAsync()
    {
        // The exporter caches a scrape briefly; read until the latest instruments show up.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await fixture.Host.GetAsync("/metrics");
            response.Status.ShouldBe(HttpStatusCode.OK);
            if (response.Body.Contains("eventsourced_integrity_findings{", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return response.Body;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
