using EventSourced.Projections.Approvals;
using EventSourced.Projections.Registration;
using EventSourced.Testing;
using Marten;

namespace EventSourced.IntegrationTests;

/// <summary>
/// A class fixture: a fresh database with EventSourced's store on it (events, projections, read tables). Or one tenant's view
/// of a tenanted store (<see cref="ForTenant"/>): its sessions are that tenant's and its connection string is the database
/// holding that tenant, so the same scenarios run per tenant.
/// </summary>
public sealed class MartenDatabase(PostgresServer server) : IsolatedDatabase(server)
{
    private bool _isView;

    public DocumentStore Store { get; private set; } = null!;

    /// <summary>The tenant this view works in; null: Marten's default tenant.</summary>
    public string? TenantId { get; private init; }

    public FixedClock Clock { get; private init; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The 90 % workflow switch the handlers see; tests may turn it off.</summary>
    public ApprovalWorkflowOptions Workflow { get; } = new();

    /// <summary>Tenant <paramref name="tenantId"/>'s view of <paramref name="store"/>, whose events and rows are in
    /// <paramref name="connectionString"/>'s database. The store belongs to whoever made it.</summary>
    public static MartenDatabase ForTenant(PostgresServer server, DocumentStore store, string connectionString, string tenantId, FixedClock clock) =>
        new(server) { Store = store, ConnectionString = connectionString, TenantId = tenantId, Clock = clock, _isView = true };

    /// <summary>A session of this database's tenant.</summary>
    public IDocumentSession Session() => TenantId is null ? Store.LightweightSession() : Store.LightweightSession(TenantId);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Store = DocumentStore.For(options =>
        {
            options.Connection(ConnectionString);
            options.AddEventSourced();
        });
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_isView)
        {
            await Store.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
