namespace EventSourced.Projections.ReadTables;

/// <summary>One column of a row and the value an event gives it (a .NET value: Guid, string, int, decimal, DateOnly,
/// DateTimeOffset, raw JSON text for jsonb, arrays for PostgreSQL arrays; null for SQL null).</summary>
public readonly record struct ColumnValue(string Column, object? Value)
{
    public static implicit operator ColumnValue((string Column, object? Value) pair) => new(pair.Column, pair.Value);
}
