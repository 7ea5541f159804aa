using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Weasel.Core;

namespace EventSourced.Host.Health;

/// <summary>Readiness: the database has every table, function and index this version of the store expects (else run
/// <c>db-apply</c>, or let the host apply them at startup).</summary>
internal sealed class SchemaHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var migration = await store.Storage.Database.CreateMigrationAsync(cancellationToken);
        return migration.Difference == SchemaPatchDifference.None
            ? HealthCheckResult.Healthy("The Marten schema is current.")
            : HealthCheckResult.Unhealthy($"The Marten schema needs changes ({migration.Difference}); run 'db-apply'.");
    }
}
