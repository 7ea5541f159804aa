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

    /// <summary>Events read and applied per round trip; the check's memory is bounded by this, not by the store's size.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Rows listed per finding kind and table; counts are always exact.</summary>
    public int MaxDetailsPerKind { get; init; } = 1000;

    /// <summary>An approval pending longer than this is reported as <c>stale-approval</c>.</summary>
    public TimeSpan PendingApprovalMaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Keep the scratch schema after the check (for investigating with psql); it is dropped otherwise.</summary>
    public bool KeepScratchSchema { get; init; }
}

/// <summary>Where the check is: replaying events (<see cref="Done"/> of <see cref="Total"/> by event sequence), then comparing tables.</summary>
public sealed record IntegrityProgress(string Phase, long Done, long Total);
