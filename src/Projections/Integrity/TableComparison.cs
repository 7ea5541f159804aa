using EventSourced.Projections.ReadTables;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Compares one tenant's rows of a live read table with its replay in the scratch schema, in SQL: rows only in the replay
/// (missing), rows only in the live table (extra), and, for rows in both, every column whose values differ (compared as
/// PostgreSQL values, so jsonb and numeric compare by meaning; shown as text). Rows match by (tenant_id, id).
/// </summary>
internal static class TableComparison
{
    private const string Tenant = TenantKeyedTable.TenantColumn;

    public static async Task<TableReport> CompareAsync(NpgsqlConnection connection, ReadTableProjection live, ReadTableProjection replay,
        string tenantId, int maxDetails, CancellationToken cancellation)
    {
        string expected = replay.TableName, actual = live.TableName;
        var expectedRows = await CountAsync(connection, expected, tenantId, cancellation);
        var actualRows = await CountAsync(connection, actual, tenantId, cancellation);
        var (missing, missingCount) = await IdsOnlyInAsync(connection, expected, actual, tenantId, maxDetails, cancellation);
        var (extra, extraCount) = await IdsOnlyInAsync(connection, actual, expected, tenantId, maxDetails, cancellation);
        var (mismatches, mismatchCount) = await MismatchesAsync(connection, live, expected, actual, tenantId, maxDetails, cancellation);
        return new TableReport(live.TableShortName, expectedRows, actualRows, missingCount, extraCount, mismatchCount, missing, extra, mismatches);
    }

    /// <summary>The tenants that have rows in any of <paramref name="tables"/>.</summary>
    public static async Task<IReadOnlyList<string>> TenantsAsync(NpgsqlConnection connection, IEnumerable<string> tables, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(string.Join(" union ", tables.Select(t => $"select distinct {Tenant} from {t}")), connection) { CommandTimeout = 0 };
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            tenants.Add(reader.GetString(0));
        }

        return tenants;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, string tenantId, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {table} where {Tenant} = $1", connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private static async Task<(IReadOnlyList<Guid>, long)> IdsOnlyInAsync(NpgsqlConnection connection, string table, string other, string tenantId,
        int maxDetails, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select a.id, count(*) over () from {table} a where a.{Tenant} = $2 " +
            $"and not exists (select 1 from {other} b where b.{Tenant} = a.{Tenant} and b.id = a.id) order by a.id limit $1",
            connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = maxDetails });
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        var ids = new List<Guid>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            ids.Add(reader.GetGuid(0));
            total = reader.GetInt64(1);
        }

        return (ids, total);
    }

    private static async Task<(IReadOnlyList<ColumnMismatch>, long)> MismatchesAsync(NpgsqlConnection connection, ReadTableProjection live,
        string expected, string actual, string tenantId, int maxDetails, CancellationToken cancellation)
    {
        var columns = live.Table.Columns.Select(c => c.Name).Where(c => c is not ("id" or Tenant)).ToArray();
        var values = string.Join(", ", columns.Select(c => $"('{c}', e.{c} is distinct from a.{c}, e.{c}::text, a.{c}::text)"));
        string Row(string alias) => string.Join(", ", columns.Select(c => $"{alias}.{c}"));
        // Only row pairs that differ at all are taken apart column by column: rendering every column of every row as text
        // ran past Npgsql's 30 s command timeout at 1M events (found by the benchmarks). Row-wise "is distinct from"
        // compares each column as the list does. The check is an offline job bounded by its cancellation token, so its
        // comparisons have no command timeout.
        await using var command = new NpgsqlCommand(
            $"select e.id, v.col, v.expected, v.actual, count(*) over () from {expected} e join {actual} a on a.{Tenant} = e.{Tenant} and a.id = e.id " +
            $"and ({Row("e")}) is distinct from ({Row("a")}) " +
            $"cross join lateral (values {values}) v(col, differs, expected, actual) where e.{Tenant} = $2 and v.differs order by e.id, v.col limit $1",
            connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = maxDetails });
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        var mismatches = new List<ColumnMismatch>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            mismatches.Add(new ColumnMismatch(reader.GetGuid(0), reader.GetString(1), Text(reader, 2), Text(reader, 3)));
            total = reader.GetInt64(4);
        }

        return (mismatches, total);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
