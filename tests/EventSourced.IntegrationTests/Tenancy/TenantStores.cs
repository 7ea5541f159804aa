using EventSourced.Projections.Registration;
using EventSourced.Testing;
using Marten;

namespace EventSourced.IntegrationTests.Tenancy;

/// <summary>
/// A class fixture: a tenanted store with two tenants, <c>a</c> and <c>b</c>, and each tenant's view of it
/// (<see cref="MartenDatabase.ForTenant"/>), so the single-tenant scenarios run in either tenant.
/// </summary>
public abstract class TenantStores(PostgresServer server) : IAsyncLifetime
{
    public PostgresServer Server { get; } = server;

    public DocumentStore Store { get; private set; } = null!;

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public MartenDatabase A { get; private set; } = null!;

    public MartenDatabase B { get; private set; } = null!;

    public abstract EventSourcedTenancy Tenancy { get; }

    /// <summary>The connection string of the database holding <paramref name="tenantId"/>'s events and rows.</summary>
    public abstract string ConnectionStringOf(string tenantId);

    public async ValueTask InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        A = MartenDatabase.ForTenant(Server, Store, ConnectionStringOf("a"), "a", Clock);
        B = MartenDatabase.ForTenant(Server, Store, ConnectionStringOf("b"), "b", Clock);
    }

    protected abstract Task<DocumentStore> CreateStoreAsync();

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Conjoined tenancy: both tenants in one database, every row tagged with its tenant.</summary>
public sealed class ConjoinedStores(PostgresServer server) : TenantStores(server)
{
    private string _connectionString = string.Empty;

    public override EventSourcedTenancy Tenancy => EventSourcedTenancy.Conjoined;

    public override string ConnectionStringOf(string tenantId) => _connectionString;

    protected override async Task<DocumentStore> CreateStoreAsync()
    {
        _connectionString = await Server.CreateDatabaseAsync(nameof(ConjoinedStores));
        return DocumentStore.For(options =>
        {
            options.Connection(_connectionString);
            options.AddEventSourced(EventSourcedTenancy.Conjoined);
        });
    }
}

/// <summary>A database per tenant.</summary>
public sealed class DatabaseStores(PostgresServer server) : TenantStores(server)
{
    private readonly Dictionary<string, string> _databases = [];

    public override EventSourcedTenancy Tenancy => EventSourcedTenancy.Database;

    public override string ConnectionStringOf(string tenantId) => _databases[tenantId];

    protected override async Task<DocumentStore> CreateStoreAsync()
    {
        _databases["a"] = await Server.CreateDatabaseAsync("TenantA");
        _databases["b"] = await Server.CreateDatabaseAsync("TenantB");
        return DocumentStore.For(options =>
        {
            options.UseTenantDatabases(_databases);
            options.AddEventSourced(EventSourcedTenancy.Database);
        });
    }
}
