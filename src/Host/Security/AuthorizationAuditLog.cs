using Npgsql;

namespace EventSourced.Host.Security;

/// <summary>
/// Writes <see cref="AuthorizationAuditEntry"/> rows to the store's database. A failed write is logged, never turned
/// into a failure of the request (the client still gets its 401/403).
/// </summary>
public sealed class AuthorizationAuditLog(NpgsqlDataSource database, string schema, ILogger<AuthorizationAuditLog> logger) : IAsyncDisposable
{
    private readonly string _insert =
        $"insert into {schema}.{AuthorizationAuditTable.Name} (user_id, tenant_id, action, resource_type, resource_id, granted, status, reason, " +
        "correlation_id, client_address) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    public async Task RecordAsync(AuthorizationAuditEntry entry, CancellationToken cancellation)
    {
        try
        {
            await using var command = database.CreateCommand(_insert);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.UserId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.TenantId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = entry.Action });
            command.Parameters.Add(new NpgsqlParameter { Value = entry.ResourceType });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.ResourceId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = entry.Granted });
            command.Parameters.Add(new NpgsqlParameter { Value = entry.Status });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Reason ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.CorrelationId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.ClientAddress ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(cancellation);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogError(ex, "Could not record an authorization decision ({Action}, {Status}, user {UserId})", entry.Action, entry.Status, entry.UserId);
        }
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
