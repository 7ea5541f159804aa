using Alba;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace EventSourced.Host.Tests;

/// <summary>
/// Starts the real host in memory on a test database. Defaults suit the functional suites (no rate limit, no
/// authentication: they test behaviour, not access); a test overrides any setting it is about.
/// </summary>
public static class TestHosts
{
    /// <param name="externalTransports">Whether the host's broker (ConnectionStrings:RabbitMq) is used; off by default, so
    /// a setting left in the environment never connects a functional suite to a broker.</param>
    public static Task<IAlbaHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, bool externalTransports = false)
    {
        var effective = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = connectionString,
            ["RateLimiting:Writes:PermitLimit"] = "0",
            ["Authentication:Disabled"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            effective[key] = value;
        }

        return AlbaHost.For<Program>(builder =>
        {
            foreach (var (key, value) in effective)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(collection =>
            {
                collection.RunWolverineInSoloMode();
                if (!externalTransports)
                {
                    collection.DisableAllExternalWolverineTransports();
                }

                services?.Invoke(collection);
            });
        });
    }
}
