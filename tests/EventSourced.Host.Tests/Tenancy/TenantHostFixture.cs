using Alba;
using EventSourced.Host.Tests.Security;
using EventSourced.Projections.Registration;
using EventSourced.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventSourced.Host.Tests.Tenancy;

/// <summary>
/// A class fixture: the real host with JWT authentication and a tenanted store (<see cref="Mode"/>), serving tenants
/// <c>a</c> and <c>b</c>; <see cref="A"/> and <see cref="B"/> call it with an admin token of their tenant.
/// </summary>
public abstract class TenantHostFixture(PostgresServer server) : IAsyncLifetime
{
    public PostgresServer Server { get; } = server;

    public IAlbaHost Host { get; private set; } = null!;

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The main database (<c>ConnectionStrings:Marten</c>).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public TenantClient A { get; private set; } = null!;

    public TenantClient B { get; private set; } = null!;

    public abstract EventSourcedTenancy Mode { get; }

    /// <summary>The database that holds <paramref name="tenantId"/>'s events and rows.</summary>
    public abstract string ConnectionStringOf(string tenantId);

    /// <summary>The tenant's events (Marten's tombstones aside).</summary>
    public Task<long> EventCountAsync(string tenantId) =>
        Sql.ScalarAsync(ConnectionStringOf(tenantId), $"select count(*) from mt_events where tenant_id = '{tenantId}' and type <> '{Sql.TombstoneEventType}'");

    /// <summary>A client with an admin token of <paramref name="tenantId"/> (null: a token without a tenant).</summary>
    public TenantClient ClientOf(string? tenantId, params string[] roles) =>
        new(Host, TestTokens.Create($"user-of-{tenantId ?? "nobody"}", roles.Length == 0 ? ["admin"] : roles, tenantId));

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await Server.CreateDatabaseAsync(GetType().Name);
        var settings = new Dictionary<string, string?>(TestTokens.HostSettings) { ["Tenancy:Mode"] = Mode.ToString() };
        foreach (var (key, value) in await TenantSettingsAsync())
        {
            settings[key] = value;
        }

        Host = await TestHosts.StartAsync(ConnectionString, settings, services => services.AddSingleton<TimeProvider>(Clock));
        A = ClientOf("a");
        B = ClientOf("b");
    }

    /// <summary>More settings (e.g. the tenant databases), made before the host starts.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> TenantSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Conjoined tenancy: both tenants in the main database.</summary>
public sealed class ConjoinedHostFixture(PostgresServer server) : TenantHostFixture(server)
{
    public override EventSourcedTenancy Mode => EventSourcedTenancy.Conjoined;

    public override string ConnectionStringOf(string tenantId) => ConnectionString;
}

/// <summary>A database per tenant (<c>Tenancy:Databases:a</c>, <c>…:b</c>) besides the main one.</summary>
public sealed class DatabaseHostFixture(PostgresServer server) : TenantHostFixture(server)
{
    private readonly Dictionary<string, string> _databases = [];

    public override EventSourcedTenancy Mode => EventSourcedTenancy.Database;

    public override string ConnectionStringOf(string tenantId) => _databases[tenantId];

    protected override async Task<IReadOnlyDictionary<string, string?>> TenantSettingsAsync()
    {
        _databases["a"] = await Server.CreateDatabaseAsync("HostTenantA");
        _databases["b"] = await Server.CreateDatabaseAsync("HostTenantB");
        return _databases.ToDictionary(d => $"Tenancy:Databases:{d.Key}", d => (string?)d.Value);
    }
}
