using Marten.Storage;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Where a clean check of every read table records how far it saw (<c>es_integrity_marks</c>, one row per database and
/// replayed tenant, <c>*</c> for all): the oldest transaction its snapshot might have missed. An incremental check starts there.
/// </summary>
internal sealed class IntegrityMarks(string schema, string? replayTenant)
{
    public const string Table = "es_integrity_marks";

    private string Scope => replayTenant ?? "*";

    public async Task<(long TransactionXmin, DateTimeOffset CheckedAt)?> ReadAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var exists = new NpgsqlCommand($"select to_regclass('{schema}.{Table}') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellation))!)
        {
            return null;
        }

        await using var command = new NpgsqlCommand($"select transaction_xmin, checked_at from {schema}.{Table} where scope = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Scope });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }

    public async Task RecordAsync(IMartenDatabase database, long transactionXmin, DateTimeOffset checkedAt, CancellationToken cancellation)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using (var create = new NpgsqlCommand(
                         $"create table if not exists {schema}.{Table} (scope text primary key, transaction_xmin bigint not null, checked_at timestamptz not null)",
                         connection))
        {
            await create.ExecuteNonQueryAsync(cancellation);
        }

        await using var command = new NpgsqlCommand(
            $"insert into {schema}.{Table} (scope, transaction_xmin, checked_at) values ($1, $2, $3) " +
            "on conflict (scope) do update set transaction_xmin = greatest(excluded.transaction_xmin, " +
            $"{Table}.transaction_xmin), checked_at = excluded.checked_at", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Scope });
        command.Parameters.Add(new NpgsqlParameter { Value = transactionXmin });
        command.Parameters.Add(new NpgsqlParameter { Value = checkedAt });
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
