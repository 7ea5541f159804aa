using Alba;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Security;

/// <summary>The real host with JWT bearer authentication on (<see cref="TestTokens"/>' key, issuer and audience).</summary>
public sealed class AuthenticatedHostFixture(PostgresServer server) : IsolatedDatabase(server)
{
    public IAlbaHost Host { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Host = await TestHosts.StartAsync(ConnectionString, TestTokens.HostSettings);
    }

    public override async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await base.DisposeAsync();
    }
}
