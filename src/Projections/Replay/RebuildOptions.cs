namespace EventSourced.Projections.Replay;

/// <summary>What <see cref="ReadTableRebuild"/> rebuilds and how.</summary>
public sealed record RebuildOptions
{
    /// <summary>Only these read tables (e.g. <c>program_enrollments</c>); null or empty rebuilds all of them.</summary>
    public IReadOnlyCollection<string>? Tables { get; init; }

    /// <summary>Only this tenant's rows (its database, with a database per tenant); null: every tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>Build and count the new tables, then throw them away: the live tables are not touched.</summary>
    public bool DryRun { get; init; }

    /// <summary>Switch even when some events could not be read or applied (they are reported either way).</summary>
    public bool ProceedDespiteUnappliedEvents { get; init; }

    /// <summary>Catch-up passes over the streams that moved on during the build, before the final one under the lock.</summary>
    public int CatchUpRounds { get; init; } = 5;

    /// <summary>How long the switch waits for a lock before trying again (writers and readers are waited for, not failed).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>What a rebuild is doing: <c>replay</c> (streams folded so far of all), <c>catch-up</c>, <c>switch</c>.</summary>
public sealed record RebuildProgress(string Phase, long Done, long Total);

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
    /// <summary>Where the time went: <c>create</c> (shadow tables), <c>read</c> (events read and deserialized), <c>fold</c>,
    /// <c>write</c> (COPY into the shadow tables), <c>index</c> (their secondary indexes, built after the load), <c>catch-up</c>, <c>switch</c>. Informational, for tuning.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Phases { get; init; } = new Dictionary<string, TimeSpan>();
}
