using EventSourced.Host.Hosting;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventSourced.Host.Health;

/// <summary>Readiness: healthy when the event store's database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            await session.AdvancedSql.QueryAsync<int>("select 1", cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) || ex is InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", ex);
        }
    }
}
