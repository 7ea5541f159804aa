using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.Registration;
using EventSourced.Projections.Registration;
using EventSourced.Testing;
using JasperFx.CodeGeneration;
using JasperFx.Resources;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Marten;

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

    private readonly Lock _wolverineGate = new();
    private Task<IHost>? _wolverine;

    /// <summary>
    /// Runs a command as a host does, through Wolverine on this database: its handler chain commits once and decides again
    /// on a fresh session when the command loses a race it may retry (<c>CommandRetries</c>). The host starts on first use.
    /// </summary>
    public async Task<T> InvokeAsync<T>(object command)
    {
        lock (_wolverineGate)
        {
            _wolverine ??= StartWolverineAsync();
        }

        return await (await _wolverine).MessageBus().InvokeAsync<T>(command, TestContext.Current.CancellationToken);
    }

    private async Task<IHost> StartWolverineAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton(Workflow);
        builder.Services.AddMarten(options =>
            {
                options.Connection(ConnectionString);
                options.AddEventSourced();
            })
            .IntegrateWithWolverine();
        builder.UseWolverine(options =>
        {
            options.AddEventSourced();
            options.Durability.Mode = DurabilityMode.Solo;
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
        });
        builder.Services.AddResourceSetupOnStartup();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_wolverine is not null)
        {
            var host = await _wolverine;
            await host.StopAsync();
            host.Dispose();
        }

        if (!_isView)
        {
            await Store.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
