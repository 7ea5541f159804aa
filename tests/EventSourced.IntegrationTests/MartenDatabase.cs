using EventSourced.Projections.Approvals;
using EventSourced.Projections.Registration;
using EventSourced.Testing;
using Marten;

namespace EventSourced.IntegrationTests;

/// <summary>A class fixture: a fresh database with EventSourced's store on it (events, projections, read tables).</summary>
public sealed class MartenDatabase(PostgresServer server) : IsolatedDatabase(server)
{
    public DocumentStore Store { get; private set; } = null!;

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The 90 % workflow switch the handlers see; tests may turn it off.</summary>
    public ApprovalWorkflowOptions Workflow { get; } = new();

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
        await Store.DisposeAsync();
        await base.DisposeAsync();
    }
}
