using System.Globalization;
using System.Net;
using System.Text.Json;
using EventSourced.Testing;
using Npgsql;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>
/// Runbook 002, "Workflow Health Endpoint Errors": when the database cannot be reached the workflow health check must say
/// so (503, database unhealthy), not fail with a 500. Its own class: the test cuts its database off while it runs.
/// </summary>
public sealed class WorkflowHealthOutageTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task When_the_database_refuses_connections_the_health_check_is_a_503_naming_the_database_and_recovers_afterwards()
    {
        (await fixture.Host.GetAsync("/api/workflow/health")).Status.ShouldBe(HttpStatusCode.OK);
        var database = new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database;
        var maintenance = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Database = "postgres" }.ConnectionString;
        await Sql.ExecuteAsync(maintenance, $"alter database \"{database}\" with allow_connections false");
        ApiResponse down;
        ApiResponse basicHealth;
        try
        {
            await Sql.ExecuteAsync(maintenance, $"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{database}'");
            NpgsqlConnection.ClearAllPools();

            down = await fixture.Host.GetAsync("/api/workflow/health");
            basicHealth = await fixture.Host.GetAsync("/health");
        }
        finally
        {
            await Sql.ExecuteAsync(maintenance, $"alter database \"{database}\" with allow_connections true");
        }

        basicHealth.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, "the plain /health check sees the outage");
        down.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, down.Body);
        using (var body = JsonDocument.Parse(down.Body))
        {
            var root = body.RootElement;
            root.GetProperty("status").GetString().ShouldBe("unhealthy");
            root.GetProperty("timestamp").GetString().ShouldBe(fixture.Clock.Now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            var check = root.GetProperty("checks").GetProperty("database");
            check.GetProperty("status").GetString().ShouldBe("unhealthy");
            check.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        var recovered = await fixture.Host.GetAsync("/api/workflow/health");
        recovered.Status.ShouldBe(HttpStatusCode.OK, recovered.Body);
    }
}
