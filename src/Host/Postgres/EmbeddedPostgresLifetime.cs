using EventSourced.Operations.Postgres;

namespace EventSourced.Host.Postgres;

/// <summary>Tells the operator where the embedded server is and how to reach it, and stops it with the host.</summary>
internal sealed partial class EmbeddedPostgresLifetime(LocalPostgresCluster cluster, ILogger<EmbeddedPostgresLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarted(logger, cluster.Origin, cluster.DataDirectory, cluster.Port, cluster.PsqlCommand, cluster.LogFile);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (cluster.StartedHere)
        {
            await cluster.StopAsync(CancellationToken.None);
            LogStopped(logger, cluster.DataDirectory);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Embedded PostgreSQL (no ConnectionStrings:Marten configured) {Origin}: data in {DataDirectory}, listening on 127.0.0.1:{Port}. Connect with: {Psql}. Server log: {LogFile}")]
    private static partial void LogStarted(ILogger logger, string origin, string dataDirectory, int port, string psql, string logFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded PostgreSQL stopped; its data stays in {DataDirectory}")]
    private static partial void LogStopped(ILogger logger, string dataDirectory);
}
