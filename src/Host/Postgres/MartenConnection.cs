namespace EventSourced.Host.Postgres;

/// <summary>
/// Decides which PostgreSQL the host talks to: <c>ConnectionStrings:Marten</c> when configured, otherwise an
/// embedded local cluster, started now and stopped when the host stops.
/// </summary>
public static class MartenConnection
{
    public const string ConnectionStringName = "Marten";

    /// <summary>Whether the host runs its own embedded cluster (no connection string configured).</summary>
    public static bool IsEmbedded(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    public static async Task<string> ResolveAsync(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var options = builder.Configuration.GetSection(EmbeddedPostgresOptions.Section).Get<EmbeddedPostgresOptions>() ?? new();
        var cluster = await LocalPostgresCluster.StartAsync(options.ResolveDataDirectory(), options.Port, options.BinDirectory);
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
        return cluster.ConnectionString();
    }
}
