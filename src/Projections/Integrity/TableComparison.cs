using EventSourced.Projections.ReadTables;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Compares a live read table with its replay in the scratch schema, in SQL: rows only in the replay (missing), rows
/// only in the live table (extra), and, for rows in both, every column whose values differ (compared as PostgreSQL
/// values, so jsonb and numeric compare by meaning; shown as text).
/// </summary>
internal static class TableComparison
{
    public static async Task<TableReport> CompareAsync(NpgsqlConnection connection, ReadTableProjection live, ReadTableProjection replay,
        int maxDetails, CancellationToken cancellation)
    {
        string expected = replay.TableName, actual = live.TableName;
        var expectedRows = await CountAsync(connection, $"select count(*) from {expected}", cancellation);
        var actualRows = await CountAsync(connection, $"select count(*) from {actual}", cancellation);
        var (missing, missingCount) = await IdsOnlyInAsync(connection, expected, actual, maxDetails, cancellation);
        var (extra, extraCount) = await IdsOnlyInAsync(connection, actual, expected, maxDetails, cancellation);
        var (mismatches, mismatchCount) = await MismatchesAsync(connection, live, expected, actual, maxDetails, cancellation);
        return new TableReport(live.TableShortName, expectedRows, actualRows, missingCount, extraCount, mismatchCount, missing, extra, mismatches);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private static async Task<(IReadOnlyList<Guid>, long)> IdsOnlyInAsync(NpgsqlConnection connection, string table, string other, int maxDetails,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select a.id, count(*) over () from {table} a where not exists (select 1 from {other} b where b.id = a.id) order by a.id limit $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = maxDetails });
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
        string expected, string actual, int maxDetails, CancellationToken cancellation)
    {
        var columns = live.Table.Columns.Select(c => c.Name).Where(c => c != "id").ToArray();
        var values = string.Join(", ", columns.Select(c => $"('{c}', e.{c} is distinct from a.{c}, e.{c}::text, a.{c}::text)"));
        await using var command = new NpgsqlCommand(
            $"select e.id, v.col, v.expected, v.actual, count(*) over () from {expected} e join {actual} a on a.id = e.id " +
            $"cross join lateral (values {values}) v(col, differs, expected, actual) where v.differs order by e.id, v.col limit $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = maxDetails });
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
