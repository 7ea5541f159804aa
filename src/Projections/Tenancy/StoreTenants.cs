using EventSourced.Projections.ReadTables;
using Marten;
using JasperFx.MultiTenancy;
using Marten.Storage;

namespace EventSourced.Projections.Tenancy;

/// <summary>A database of the store and the tenants it holds (see <see cref="StoreTenants"/>).</summary>
/// <param name="Tenants">The tenants whose events live in <paramref name="Database"/>; null when they are only known from the
/// data (conjoined tenancy: every tenant shares the database, and a tenant exists once it has events).</param>
public sealed record TenantDatabase(IMartenDatabase Database, IReadOnlyList<string>? Tenants);

/// <summary>
/// Which tenants a store serves, wherever they live: "run for every tenant" (integrity check and repair, backfill) starts
/// here. A single-tenant store has one, Marten's default tenant; a conjoined store has every tenant that has events; a
/// database-per-tenant store has the tenants it was configured with, each in its own database.
/// </summary>
public static class StoreTenants
{
    /// <summary>The store's databases, each with its tenants (null: read them from the events, see <see cref="InDatabaseAsync"/>).</summary>
    public static async Task<IReadOnlyList<TenantDatabase>> DatabasesAsync(IDocumentStore store)
    {
        if (store.Options.Tenancy.Cardinality != JasperFx.Descriptors.DatabaseCardinality.Single)
        {
            var databases = await store.Storage.AllDatabases();
            return databases.Where(d => d.TenantIds.Count > 0).Select(d => new TenantDatabase(d, d.TenantIds.Order(StringComparer.Ordinal).ToArray()))
                .ToArray();
        }

        return [new TenantDatabase(store.Storage.Database, IsConjoined(store) ? null : [TenantKeyedTable.DefaultTenant])];
    }

    /// <summary>The database that holds <paramref name="tenantId"/>'s events and rows: its own with database-per-tenant
    /// tenancy, else the store's one (null: Marten's default tenant).</summary>
    public static async Task<IMartenDatabase> DatabaseOfAsync(IDocumentStore store, string? tenantId) =>
        tenantId is not null && !IsConjoined(store) ? await store.Storage.FindOrCreateDatabase(tenantId) : store.Storage.Database;

    /// <summary>Every tenant of the store, in order.</summary>
    public static async Task<IReadOnlyList<string>> AllAsync(IDocumentStore store, CancellationToken cancellation = default)
    {
        var tenants = new List<string>();
        foreach (var database in await DatabasesAsync(store))
        {
            tenants.AddRange(database.Tenants ?? await InDatabaseAsync(store, database.Database, cancellation));
        }

        return tenants.Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The tenants that have events in <paramref name="database"/> (Marten's "tombstone" placeholders for failed
    /// transactions do not count).</summary>
    public static async Task<IReadOnlyList<string>> InDatabaseAsync(IDocumentStore store, IMartenDatabase database, CancellationToken cancellation)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"select distinct tenant_id from {store.Options.Events.DatabaseSchemaName}.mt_events where type <> 'tombstone' order by tenant_id";
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            tenants.Add(reader.GetString(0));
        }

        return tenants;
    }

    /// <summary>Whether tenants share the event store's tables (Marten's conjoined tenancy).</summary>
    public static bool IsConjoined(IDocumentStore store) => store.Options.Events.TenancyStyle == TenancyStyle.Conjoined;
}
