using System.Collections.Concurrent;
using System.Globalization;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.ReadTables;

/// <summary>One column of a read table: its name, PostgreSQL type, the Npgsql type used to write it in bulk, and its default.</summary>
public sealed record ColumnShape(string Name, string SqlType, NpgsqlDbType DbType, object? Default, bool AllowsNull = true);

/// <summary>
/// A read table's columns in table order, and the two ways a <see cref="RowChange"/> is applied: as one SQL statement
/// (<see cref="Statement"/>, the inline path) or to a row held in memory (<see cref="Apply"/>, the replay path). Built from the
/// same Weasel <see cref="Table"/> definition Marten creates and migrates the table from.
/// </summary>
public sealed class ReadTableShape
{
    private readonly Dictionary<string, int> _ordinals;
    private readonly object?[] _defaults;
    private readonly ConcurrentDictionary<string, string> _statements = new(StringComparer.Ordinal);

    public ReadTableShape(Table table)
    {
        QualifiedName = table.Identifier.QualifiedName;
        Columns = table.Columns.Select(c => new ColumnShape(c.Name, c.Type, DbTypeOf(c.Type), DefaultOf(c), c.AllowNulls && !c.IsPrimaryKey)).ToArray();
        _ordinals = Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _defaults = Columns.Select(c => c.Default).ToArray();
        TenantOrdinal = _ordinals[TenantKeyedTable.TenantColumn];
        IdOrdinal = _ordinals["id"];
    }

    public string QualifiedName { get; }

    /// <summary>Every column, <c>id</c> and <c>tenant_id</c> included, in the table's order.</summary>
    public IReadOnlyList<ColumnShape> Columns { get; }

    public int TenantOrdinal { get; }

    public int IdOrdinal { get; }

    public int OrdinalOf(string column) =>
        _ordinals.TryGetValue(column, out var ordinal) ? ordinal : throw new ArgumentException($"{QualifiedName} has no column '{column}'.", nameof(column));

    /// <summary>The SQL statement (with <c>?</c> placeholders, each cast to its column's type) and its parameters.</summary>
    public (string Sql, object[] Parameters) Statement(RowChange change)
    {
        var key = $"{change.Kind}:{string.Join(',', change.Values.Select(v => v.Column))}";
        var sql = _statements.GetOrAdd(key, _ => change.Kind == RowChangeKind.Insert
            ? $"insert into {QualifiedName} ({TenantKeyedTable.TenantColumn}, id{string.Concat(change.Values.Select(v => $", {v.Column}"))}) " +
              $"values (?, ?{string.Concat(change.Values.Select(v => $", ?::{Columns[OrdinalOf(v.Column)].SqlType}"))})"
            : $"update {QualifiedName} set {string.Join(", ", change.Values.Select(v => $"{v.Column} = ?::{Columns[OrdinalOf(v.Column)].SqlType}"))} " +
              $"where {TenantKeyedTable.TenantColumn} = ? and id = ?");
        object[] parameters = change.Kind == RowChangeKind.Insert
            ? [change.TenantId, change.Id, .. change.Values.Select(v => v.Value ?? DBNull.Value)]
            : [.. change.Values.Select(v => v.Value ?? DBNull.Value), change.TenantId, change.Id];
        return (sql, parameters);
    }

    /// <summary>A whole row (in <see cref="Columns"/> order) as one insert statement, for writing a folded row back.</summary>
    public (string Sql, object[] Parameters) InsertRow(object?[] row)
    {
        var sql = _statements.GetOrAdd("row", _ => $"insert into {QualifiedName} ({string.Join(", ", Columns.Select(c => c.Name))}) " +
            $"values ({string.Join(", ", Columns.Select(c => $"?::{c.SqlType}"))})");
        return (sql, row.Select(v => v switch { null => DBNull.Value, DateTimeOffset t => t.ToUniversalTime(), _ => v }).ToArray());
    }

    /// <summary>
    /// The row after <paramref name="change"/>, as the statement would leave it: an insert creates it from the columns' defaults
    /// (and fails on a row that exists, as the primary key would), an update sets columns of an existing row and leaves an
    /// absent row absent; either fails, as PostgreSQL would, when it leaves a <c>not null</c> column null. The row is an array
    /// in <see cref="Columns"/> order; the one passed in is not modified.
    /// </summary>
    public object?[]? Apply(object?[]? row, RowChange change)
    {
        object?[] next;
        if (change.Kind == RowChangeKind.Insert)
        {
            next = (object?[])_defaults.Clone();
            next[TenantOrdinal] = change.TenantId;
            next[IdOrdinal] = change.Id;
        }
        else if (row is null)
        {
            return null;
        }
        else
        {
            next = (object?[])row.Clone();
        }

        for (var i = 0; i < change.Values.Count; i++)
        {
            var value = change.Values[i];
            next[OrdinalOf(value.Column)] = value.Value;
        }

        for (var c = 0; c < next.Length; c++)
        {
            if (next[c] is null && !Columns[c].AllowsNull)
            {
                throw new InvalidOperationException($"null value in column \"{Columns[c].Name}\" of relation \"{QualifiedName}\" violates not-null constraint");
            }
        }

        if (change.Kind == RowChangeKind.Insert && row is not null)
        {
            throw new InvalidOperationException(
                $"duplicate key value violates the primary key of {QualifiedName}: ({change.TenantId}, {change.Id}) already exists");
        }

        return next;
    }

    private static NpgsqlDbType DbTypeOf(string sqlType) => sqlType.ToLowerInvariant() switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "text" or "varchar" => NpgsqlDbType.Text,
        "integer" or "int" or "int4" => NpgsqlDbType.Integer,
        "bigint" or "int8" => NpgsqlDbType.Bigint,
        "numeric" => NpgsqlDbType.Numeric,
        "boolean" => NpgsqlDbType.Boolean,
        "date" => NpgsqlDbType.Date,
        "timestamp with time zone" or "timestamptz" => NpgsqlDbType.TimestampTz,
        "jsonb" => NpgsqlDbType.Jsonb,
        "text[]" => NpgsqlDbType.Array | NpgsqlDbType.Text,
        "integer[]" or "int[]" => NpgsqlDbType.Array | NpgsqlDbType.Integer,
        _ => throw new NotSupportedException($"Read table column type '{sqlType}' has no bulk-write mapping; add it to {nameof(ReadTableShape)}."),
    };

    // Read tables use one kind of default: an integer expression (probability 0), and the tenant's text default.
    private static object? DefaultOf(TableColumn column) =>
        column.DefaultExpression is not { Length: > 0 } expression ? null
        : DbTypeOf(column.Type) == NpgsqlDbType.Integer ? int.Parse(expression, CultureInfo.InvariantCulture)
        : expression.Trim('\'');
}
