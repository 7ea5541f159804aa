namespace EventSourced.Projections.Integrity;

/// <summary>How the integrity check runs. Defaults suit a production store.</summary>
public sealed record IntegrityCheckOptions
{
    /// <summary>Only compare these read tables (e.g. <c>program_enrollments</c>); null or empty compares all. Domain findings
    /// that need a table left out are skipped.</summary>
    public IReadOnlyCollection<string>? Tables { get; init; }

    /// <summary>The tenant whose events and tables are checked. Null: Marten's default tenant for <see cref="IntegrityCheck.RunAsync"/>,
    /// every tenant for <see cref="IntegrityCheck.RunForTenantsAsync"/>.</summary>
    public string? TenantId { get; init; }

    /// <summary>Events per replay batch and live rows fetched per round trip and table: the check's memory is bounded by this
    /// (a few batches are in flight), not by the store's size.</summary>
    public int PageSize { get; init; } = 2000;

    /// <summary>Only the streams that received an event with a sequence above this (each stream checked whole). Rows of other
    /// streams are not looked at, so orphans without events since are not seen, and domain findings are not computed.</summary>
    public long? SinceSequence { get; init; }

    /// <summary>Only the streams written since the last clean check recorded its mark (see <see cref="IntegrityCheck"/>); a full
    /// check when none is recorded. Partial like <see cref="SinceSequence"/>.</summary>
    public bool Incremental { get; init; }

    /// <summary>Only these streams (and the rows keyed by them). Partial like <see cref="SinceSequence"/>.</summary>
    public IReadOnlyCollection<Guid>? StreamIds { get; init; }

    /// <summary>Whether the check covers every stream (no <see cref="SinceSequence"/>, <see cref="Incremental"/> or <see cref="StreamIds"/>).</summary>
    public bool IsFull => SinceSequence is null && !Incremental && StreamIds is null;

    /// <summary>Rows listed per finding kind and table; counts are always exact.</summary>
    public int MaxDetailsPerKind { get; init; } = 1000;

    /// <summary>An approval pending longer than this is reported as <c>stale-approval</c>.</summary>
    public TimeSpan PendingApprovalMaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Also write the rows the streams fold to into a scratch schema (<c>es_integrity_*</c>) and keep it, for
    /// investigating with psql. Without it the check writes nothing.</summary>
    public bool KeepScratchSchema { get; init; }
}

/// <summary>Where the check is: replaying events (<see cref="Done"/> of <see cref="Total"/> by event sequence), then comparing tables.</summary>
public sealed record IntegrityProgress(string Phase, long Done, long Total);
