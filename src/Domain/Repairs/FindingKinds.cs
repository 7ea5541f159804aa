namespace EventSourced.Domain.Repairs;

/// <summary>
/// The integrity check's finding kinds, as reported (JSON, metrics tag <c>kind</c>) and as the repair command's
/// <c>--kind</c> takes them. The first four compare read tables with the streams; the rest are domain findings
/// computed from the streams.
/// </summary>
public static class FindingKinds
{
    /// <summary>The streams produce a row the read table lacks.</summary>
    public const string MissingRow = "missing-row";

    /// <summary>The read table has a row no stream produces (an orphan row, e.g. inserted by hand).</summary>
    public const string ExtraRow = "extra-row";

    /// <summary>A row's column differs from what the streams produce (e.g. the runbook's dual-write mismatch).</summary>
    public const string ColumnMismatch = "column-mismatch";

    /// <summary>An event the projections could not read or apply; the check reports it rather than skipping it.</summary>
    public const string UnappliedEvent = "unapplied-event";

    /// <summary>An enrollment whose program or campaign has no stream. Repair: unlink it.</summary>
    public const string OrphanedEnrollment = "orphaned-enrollment";

    /// <summary>A campaign at 90 % or more with no pending or granted approval. Repair: request the approval.</summary>
    public const string CampaignWithoutApproval = "campaign-without-approval";

    /// <summary>A reservation still held although its approval was rejected. Repair: release it.</summary>
    public const string DanglingReservation = "dangling-reservation";

    /// <summary>An approved approval whose order was never created. Repair: create the order.</summary>
    public const string ApprovalWithoutOrder = "approval-without-order";

    /// <summary>An approval pending longer than the configured age. Reported only: a reviewer decides it.</summary>
    public const string StaleApproval = "stale-approval";

    /// <summary>A program (not archived) still pinned to an archived template. Reported only: migrate the program.</summary>
    public const string ProgramOnArchivedTemplate = "program-on-archived-template";

    public static IReadOnlyList<string> TableKinds { get; } = [MissingRow, ExtraRow, ColumnMismatch, UnappliedEvent];

    public static IReadOnlyList<string> DomainKinds { get; } =
        [OrphanedEnrollment, CampaignWithoutApproval, DanglingReservation, ApprovalWithoutOrder, StaleApproval, ProgramOnArchivedTemplate];

    /// <summary>Domain findings a compensating command can repair.</summary>
    public static IReadOnlyList<string> Repairable { get; } = [OrphanedEnrollment, CampaignWithoutApproval, DanglingReservation, ApprovalWithoutOrder];

    public static IReadOnlyList<string> All { get; } = [.. TableKinds, .. DomainKinds];
}
