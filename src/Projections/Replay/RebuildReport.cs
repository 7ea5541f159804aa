namespace EventSourced.Projections.Replay;

/// <param name="RowsBefore">Rows of the live table before the switch.</param>
/// <param name="RowsAfter">Rows of the rebuilt table.</param>
public sealed record RebuildTableReport(string Table, long RowsBefore, long RowsAfter);

/// <summary>One database's rebuild: what was replayed, what could not be, and whether (and how fast) the new tables went live.</summary>
public sealed record RebuildReport(
    string Database,
    IReadOnlyList<RebuildTableReport> Tables,
    long Streams,
    long Events,
    long UnappliedEventCount,
    IReadOnlyList<Integrity.UnappliedEvent> UnappliedEvents,
    long CaughtUpStreams,
    bool Switched,
    string? NotSwitchedBecause,
    TimeSpan Elapsed,
    TimeSpan SwitchDuration)
{
    /// <summary>Where the time went: <c>create</c> (shadow tables), <c>replay</c> (the wall time of the whole
    /// replay, in which read, decode, fold and write overlap), <c>read</c> (rows read off the connection), <c>decode</c> and <c>fold</c> (summed over the cores),
    /// <c>write</c> (COPY into the shadow tables), <c>index</c> (their secondary indexes, built after the load, and their statistics), <c>catch-up</c>, <c>verify</c>, <c>count</c> (the live tables' rows, for the report), <c>switch</c>, and <c>gc pauses</c> (the whole process's, during the rebuild). Informational, for tuning.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Phases { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>With <see cref="RebuildOptions.Verify"/>: how many rows of the new tables differed from the replay (0: verified);
    /// null when not verified.</summary>
    public long? VerifyDifferences { get; init; }

    /// <summary>Events an operator quarantined (<c>event_quarantined.v1</c>) that the replay left out, as they asked.</summary>
    public long QuarantinedEventsSkipped { get; init; }
}
