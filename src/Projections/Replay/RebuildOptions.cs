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

    /// <summary>Before switching, compare the new tables with a fresh replay of the log (as the integrity check does) and refuse
    /// to switch on any difference: a rebuild that cannot make things worse, for the price of a second read of the log.</summary>
    public bool Verify { get; init; }

    /// <summary>Switch even when some events could not be read or applied (they are reported either way).</summary>
    public bool ProceedDespiteUnappliedEvents { get; init; }

    /// <summary>Catch-up passes over the streams that moved on during the build, before the final one under the lock.</summary>
    public int CatchUpRounds { get; init; } = 5;

    /// <summary>How long the switch waits for a lock before trying again (writers and readers are waited for, not failed).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
