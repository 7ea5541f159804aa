using EventSourced.Handlers.Resilience;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventSourced.Operations.Health;

/// <summary>Readiness: healthy when the event store's database (every tenant database, with a database per tenant) answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var databases = await store.Storage.AllDatabases();
            foreach (var database in databases)
            {
                await using var connection = database.CreateConnection();
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "select 1";
                await command.ExecuteScalarAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy(databases.Count == 1 ? "PostgreSQL answers." : $"PostgreSQL answers for all {databases.Count} tenant databases.");
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) || ex is InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", ex);
        }
    }
}
