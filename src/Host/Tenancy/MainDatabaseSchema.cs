using EventSourced.Host.Security;
using Npgsql;
using Weasel.Postgresql;

namespace EventSourced.Host.Tenancy;

/// <summary>
/// With a database per tenant, Marten migrates the tenant databases only; the main database (<c>ConnectionStrings:Marten</c>)
/// holds Wolverine's tables and <c>authorization_audit</c>, which this creates or migrates at startup.
/// </summary>
internal sealed class MainDatabaseSchema(string connectionString, string schema) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await AuthorizationAuditTable.Define(schema).MigrateAsync(connection, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
