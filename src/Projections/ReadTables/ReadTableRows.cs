using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace EventSourced.Projections.ReadTables;

/// <summary>
/// Rows of a read table as .NET values, the way the fold builds them: read from PostgreSQL with the type each column's fold
/// value has, and compared the way PostgreSQL compares the stored values (numbers by value, jsonb by meaning, timestamps to the
/// microsecond they are stored with).
/// </summary>
public static class ReadTableRows
{
    public static object?[] Read(NpgsqlDataReader reader, ReadTableShape shape)
    {
        var row = new object?[shape.Columns.Count];
        for (var c = 0; c < row.Length; c++)
        {
            row[c] = reader.IsDBNull(c) ? null : shape.Columns[c].DbType switch
            {
                NpgsqlDbType.Uuid => reader.GetGuid(c),
                NpgsqlDbType.Integer => reader.GetInt32(c),
                NpgsqlDbType.Bigint => reader.GetInt64(c),
                NpgsqlDbType.Numeric => reader.GetDecimal(c),
                NpgsqlDbType.Boolean => reader.GetBoolean(c),
                NpgsqlDbType.Date => reader.GetFieldValue<DateOnly>(c),
                NpgsqlDbType.TimestampTz => reader.GetFieldValue<DateTimeOffset>(c),
                NpgsqlDbType.Array | NpgsqlDbType.Text => reader.GetFieldValue<string[]>(c),
                NpgsqlDbType.Array | NpgsqlDbType.Integer => reader.GetFieldValue<int[]>(c),
                _ => reader.GetString(c), // text, and jsonb as its text
            };
        }

        return row;
    }

    /// <summary>Whether a folded value and a stored one are the same value of a column of <paramref name="type"/>.</summary>
    public static bool ValuesEqual(object? expected, object? actual, NpgsqlDbType type)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        if (expected.GetType() == actual.GetType() && type is not (NpgsqlDbType.TimestampTz or NpgsqlDbType.Jsonb) && !expected.GetType().IsArray)
        {
            return expected.Equals(actual); // the common case: the fold's value has the type the column is read with
        }

        switch (type)
        {
            case NpgsqlDbType.Integer or NpgsqlDbType.Bigint or NpgsqlDbType.Numeric:
                return Convert.ToDecimal(expected, System.Globalization.CultureInfo.InvariantCulture) ==
                       Convert.ToDecimal(actual, System.Globalization.CultureInfo.InvariantCulture);
            case NpgsqlDbType.TimestampTz:
                return Microseconds(expected) == Microseconds(actual);
            case NpgsqlDbType.Jsonb:
                return string.Equals((string)expected, (string)actual, StringComparison.Ordinal) || JsonEqual((string)expected, (string)actual);
            case NpgsqlDbType.Array | NpgsqlDbType.Text:
                return ((string?[])expected).SequenceEqual((string?[])actual);
            case NpgsqlDbType.Array | NpgsqlDbType.Integer:
                return ((int[])expected).SequenceEqual((int[])actual);
            default:
                return expected.Equals(actual);
        }
    }

    // PostgreSQL keeps microseconds; Npgsql drops the ticks below them when it writes.
    private static long Microseconds(object value) => value switch
    {
        DateTimeOffset v => v.UtcTicks / 10,
        DateTime v => v.ToUniversalTime().Ticks / 10,
        _ => throw new NotSupportedException($"A timestamptz read-table value of type {value.GetType().Name}."),
    };

    private static bool JsonEqual(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }
}
