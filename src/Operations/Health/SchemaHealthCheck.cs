using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Weasel.Core;

namespace EventSourced.Operations.Health;

/// <summary>Readiness: the database has every table, function and index this version of the store expects (else run
/// <c>db-apply</c>, or let the host apply them at startup).</summary>
internal sealed class SchemaHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var database in await store.Storage.AllDatabases())
        {
            var migration = await database.CreateMigrationAsync(cancellationToken);
            if (migration.Difference != SchemaPatchDifference.None)
            {
                return HealthCheckResult.Unhealthy($"The Marten schema of {database.Id.Server}/{database.Id.Name} needs changes ({migration.Difference}); run 'db-apply'.");
            }
        }

        return HealthCheckResult.Healthy("The Marten schema is current.");
    }
}
