namespace EventSourced.Projections.ReadTables;

public enum RowChangeKind
{
    /// <summary>The stream's first event for this table: the row is created (columns not given take their defaults).</summary>
    Insert,

    /// <summary>Later events: the given columns are set; a row that does not exist stays absent (as SQL's update of no row).</summary>
    Update,
}

/// <summary>
/// What one event does to its stream's row in one read table: the unit both the inline projection (as one SQL statement)
/// and the replay engine (folded in memory, written set-based) apply, so the two can never disagree about a row.
/// </summary>
public sealed record RowChange(RowChangeKind Kind, string TenantId, Guid Id, IReadOnlyList<ColumnValue> Values);
