using EventSourced.Operations.Postgres;
using Npgsql;

namespace EventSourced.Host.Postgres;

/// <summary>
/// Decides which PostgreSQL the host talks to: <c>ConnectionStrings:Marten</c> when configured, otherwise an
/// embedded local cluster, started now and stopped when the host stops.
/// </summary>
public static class MartenConnection
{
    public const string ConnectionStringName = "Marten";

    /// <summary>Statements Npgsql keeps prepared per connection (see <see cref="WithStatementPreparation"/>).</summary>
    public const int MaxAutoPrepare = 100;

    /// <summary>Whether the host runs its own embedded cluster (no connection string configured).</summary>
    public static bool IsEmbedded(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    public static async Task<string> ResolveAsync(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return WithStatementPreparation(configured);
        }

        var options = builder.Configuration.GetSection(EmbeddedPostgresOptions.Section).Get<EmbeddedPostgresOptions>() ?? new();
        var cluster = await LocalPostgresCluster.StartAsync(options.ResolveDataDirectory(), options.Port, options.BinDirectory);
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
        return WithStatementPreparation(cluster.ConnectionString());
    }

    /// <summary>
    /// Turns on Npgsql's automatic statement preparation, unless the connection string sets <c>Max Auto Prepare</c> itself
    /// (0 turns it off, e.g. behind a PgBouncer in transaction mode older than 1.21).
    /// </summary>
    /// <remarks>
    /// Why: every read table is written with one parameterized statement per event (inline, in a rebuild, in the integrity
    /// check's replay, in a repair), and Marten's appends and the handlers' queries are a few dozen distinct statements
    /// run over and over. Unprepared, PostgreSQL parses and plans each execution anew. The benchmarks (bench/README.md)
    /// found that this dominated the rebuild: re-applying 88,871 enrollment events took 3.7–5.5 s of the PostgreSQL
    /// backend's CPU unprepared and 2.2 s prepared, and the full rebuild, the integrity check and the command path got
    /// faster with it. Npgsql prepares a statement on a connection once it has run it 5 times, and keeps the
    /// <see cref="MaxAutoPrepare"/> most recently used.
    /// </remarks>
    public static string WithStatementPreparation(string connectionString)
    {
        // The generic builder: Npgsql's own answers ContainsKey for every keyword it knows, set or not.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("MaxAutoPrepare",
                StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }
}
