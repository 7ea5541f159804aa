using EventSourced.Testing;

namespace EventSourced.Host.Tests.Security;

/// <summary>A host on a configured database with no token keys refuses to start instead of serving an open API.</summary>
public sealed class StartupRefusalTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    [Fact]
    public async Task The_host_will_not_start_open_on_a_configured_database()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            TestHosts.StartAsync(db.ConnectionString, new Dictionary<string, string?> { ["Authentication:Disabled"] = "false" }));

        failure.Message.ShouldContain("Authentication is required");
        failure.Message.ShouldContain("Authentication:SigningKey");
    }
}
