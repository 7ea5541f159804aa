using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Commands;
using EventSourced.Projections.Integrity;
using Marten;

namespace EventSourced.Operations.Repairs;

/// <summary>
/// Repairs what the integrity check finds: read-table drift by re-projecting the flagged streams, then each repairable
/// domain finding by its compensating command (events with the operator and reason). Runs the check first and, unless
/// it is a dry run, again afterwards to prove the result. Per tenant: a tenant's repair reads and appends to its own
/// streams only (its sessions are the tenant's), whatever the other tenants hold.
/// </summary>
public static class IntegrityRepair
{
    /// <summary>Repairs one tenant: <see cref="IntegrityCheckOptions.TenantId"/> of <see cref="RepairOptions.Check"/>, or Marten's
    /// default tenant when null.</summary>
    public static async Task<RepairReport> RunAsync(IDocumentStore store, RepairOptions options, TimeProvider clock,
        IProgress<IntegrityProgress>? progress = null, CancellationToken cancellation = default)
    {
        // Repair needs every drifted row, not the report's first thousand.
        var before = await IntegrityCheck.RunAsync(store, options.Check with { MaxDetailsPerKind = int.MaxValue }, clock, progress, cancellation);
        var (reprojected, compensations) = await RepairTenantAsync(store, before, options, clock, progress, cancellation);
        var after = options.DryRun ? null : await IntegrityCheck.RunAsync(store, options.Check, clock, progress, cancellation);
        return new RepairReport(options.DryRun, before, reprojected, compensations, after);
    }

    /// <summary>Repairs every tenant (only the check's tenant when set): one report per tenant, in tenant order.</summary>
    public static async Task<IReadOnlyList<RepairReport>> RunForTenantsAsync(IDocumentStore store, RepairOptions options, TimeProvider clock,
        IProgress<IntegrityProgress>? progress = null, CancellationToken cancellation = default)
    {
        var before = await IntegrityCheck.RunForTenantsAsync(store, options.Check with { MaxDetailsPerKind = int.MaxValue }, clock, progress,
            cancellation);
        var repairs = new List<(IntegrityReport Before, IReadOnlyList<ReprojectedRow> Reprojected, IReadOnlyList<RepairOutcome> Compensations)>();
        foreach (var tenant in before)
        {
            var (reprojected, compensations) = await RepairTenantAsync(store, tenant, options, clock, progress, cancellation);
            repairs.Add((tenant, reprojected, compensations));
        }

        var after = options.DryRun
            ? []
            : (await IntegrityCheck.RunForTenantsAsync(store, options.Check, clock, progress, cancellation)).ToDictionary(r => r.TenantId);
        return repairs.Select(r => new RepairReport(options.DryRun, r.Before, r.Reprojected, r.Compensations,
            options.DryRun ? null : after.GetValueOrDefault(r.Before.TenantId))).ToArray();
    }

    private static async Task<(IReadOnlyList<ReprojectedRow>, IReadOnlyList<RepairOutcome>)> RepairTenantAsync(IDocumentStore store,
        IntegrityReport before, RepairOptions options, TimeProvider clock, IProgress<IntegrityProgress>? progress, CancellationToken cancellation)
    {
        IReadOnlyList<ReprojectedRow> reprojected = [];
        var drifted = before.Tables.Where(t => !t.IsClean).ToArray();
        if (options.Includes(FindingKinds.MissingRow) || options.Includes(FindingKinds.ExtraRow) || options.Includes(FindingKinds.ColumnMismatch))
        {
            reprojected = options.DryRun
                ? drifted.SelectMany(t => t.DriftedRows.Select(id => new ReprojectedRow(t.Table, id, "would re-project"))).ToArray()
                : await ReadTableRepair.RepairAsync(store, drifted, before.TenantId, cancellation);
        }

        var compensations = new List<RepairOutcome>();
        var run = $"repair-{Guid.CreateVersion7():N}"; // one correlation id for the events of this repair run
        foreach (var finding in before.DomainFindings.Where(f => FindingKinds.Repairable.Contains(f.Kind) && options.Includes(f.Kind)))
        {
            progress?.Report(new IntegrityProgress("repair", compensations.Count, before.DomainFindings.Count));
            var operatorId = string.IsNullOrWhiteSpace(options.OperatorId) && options.DryRun ? "(dry run)" : options.OperatorId;
            var repair = new Repair(operatorId, string.IsNullOrWhiteSpace(options.Reason) ? finding.Detail : options.Reason);
            await using var session = store.LightweightSession(before.TenantId);
            // The audit trail: the operator is the user of every event this repair appends.
            session.LastModifiedBy = repair.OperatorId;
            session.CorrelationId = run;
            compensations.Add(await CompensateAsync(finding, repair, session, clock, options.DryRun, cancellation));
        }

        return (reprojected, compensations);
    }

    private static Task<RepairOutcome> CompensateAsync(DomainFinding finding, Repair repair, Marten.IDocumentSession session, TimeProvider clock,
        bool dryRun, CancellationToken cancellation) => finding.Kind switch
    {
        FindingKinds.DanglingReservation => CompensationHandler.Handle(new ReleaseDanglingReservation(finding.StreamId, repair), session, clock, dryRun, cancellation),
        FindingKinds.ApprovalWithoutOrder => CompensationHandler.Handle(new CreateMissingOrder(finding.StreamId, repair), session, clock, dryRun, cancellation),
        FindingKinds.CampaignWithoutApproval => CompensationHandler.Handle(new RequestMissingApproval(finding.StreamId, repair), session, clock, dryRun, cancellation),
        FindingKinds.OrphanedEnrollment => CompensationHandler.Handle(new UnlinkOrphanedEnrollment(finding.StreamId, repair), session, clock, dryRun, cancellation),
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding.Kind, "not a repairable finding"),
    };
}

/// <summary>How a repair runs.</summary>
public sealed record RepairOptions
{
    public IntegrityCheckOptions Check { get; init; } = new();

    /// <summary>Who repairs (recorded on every compensating event). Required unless <see cref="DryRun"/>.</summary>
    public string? OperatorId { get; init; }

    /// <summary>Why; recorded on every compensating event. When empty, each finding's own description is recorded.</summary>
    public string? Reason { get; init; }

    /// <summary>Only repair these finding kinds (see <see cref="FindingKinds"/>); null or empty repairs everything repairable.</summary>
    public IReadOnlyCollection<string>? Kinds { get; init; }

    /// <summary>Show what would be re-projected and appended; change nothing.</summary>
    public bool DryRun { get; init; }

    public bool Includes(string kind) => Kinds is null || Kinds.Count == 0 || Kinds.Contains(kind);
}

/// <summary>What a repair did (or would do): <see cref="Before"/> and, unless a dry run, <see cref="After"/>.</summary>
public sealed record RepairReport(
    bool DryRun,
    IntegrityReport Before,
    IReadOnlyList<ReprojectedRow> Reprojected,
    IReadOnlyList<RepairOutcome> Compensations,
    IntegrityReport? After)
{
    /// <summary>Events appended (or, in a dry run, that would be).</summary>
    public int EventCount => Compensations.Where(c => c.Error is null).Sum(c => c.Events.Count);

    public IEnumerable<RepairOutcome> Refused => Compensations.Where(c => c.Error is not null);

    /// <summary>Drifted rows that could not be re-projected (their stream holds an unreadable or unappliable event).</summary>
    public IEnumerable<ReprojectedRow> FailedRows => Reprojected.Where(r => r.Action.StartsWith("failed", StringComparison.Ordinal));
}
