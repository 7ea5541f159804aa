using Alba;
using EventSourced.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventSourced.Host.Tests;

/// <summary>A class fixture: the real host (Wolverine, Marten, HTTP pipeline) in memory, on a fresh database.</summary>
public class HostFixture(PostgresServer server) : IsolatedDatabase(server)
{
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The host's Marten store.</summary>
    public Marten.IDocumentStore Store => Host.Services.GetRequiredService<Marten.IDocumentStore>();

    /// <summary>Every line the host logs, with its scope (e.g. the correlation id).</summary>
    public Operations.CapturedLogs Logs { get; } = new();

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Host = await TestHosts.StartAsync(ConnectionString, await SettingsAsync(), services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            ConfigureServices(services);
        }, externalTransports: UsesBroker);
    }

    /// <summary>Settings of a derived fixture's host (e.g. a broker's URI), on top of the test defaults.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() => Task.FromResult<IReadOnlyDictionary<string, string?>?>(null);

    /// <summary>Services of a derived fixture's host (e.g. an in-memory trace exporter), after the test defaults.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Whether the host connects to the broker its settings name.</summary>
    protected virtual bool UsesBroker => false;

    public override async ValueTask DisposeAsync()
    {
        if (Host is not null) // null when the start failed: the start's exception is the one to see
        {
            await Host.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
