using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Commands;
using EventSourced.Projections.Enrollments;
using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Handlers.Enrollments;

/// <summary>Counts of a backfill run. A second run reports everything as already linked (or still unmatched).</summary>
public sealed record BackfillReport(int Linked, int StillUnmatched, int AlreadyLinked, int SkippedAsDuplicate, bool DryRun)
{
    public int Examined => Linked + StillUnmatched + SkippedAsDuplicate;
}

/// <summary>Progress of a backfill: <paramref name="Done"/> of <paramref name="Total"/> legacy enrollments examined.</summary>
public sealed record BackfillProgress(int Done, int Total);

/// <summary>
/// The runbook's "001_backfill_programs", done with events: every legacy enrollment (programType only) is linked to the
/// active program of its programType by appending <c>EnrollmentLinkedToProgram</c> to its stream. Idempotent, and
/// auditable: the links are events, not UPDATEs.
/// </summary>
public static class EnrollmentBackfill
{
    /// <summary>Backfills Marten's default tenant (a single-tenant store).</summary>
    public static Task<BackfillReport> RunAsync(IDocumentStore store, bool dryRun, TimeProvider clock, IProgress<BackfillProgress>? progress = null,
        CancellationToken cancellation = default) =>
        RunAsync(store, TenantKeyedTable.DefaultTenant, dryRun, clock, progress, cancellation);

    /// <summary>Backfills one tenant: its enrollments are linked to its programs only.</summary>
    public static async Task<BackfillReport> RunAsync(IDocumentStore store, string tenantId, bool dryRun, TimeProvider clock,
        IProgress<BackfillProgress>? progress = null, CancellationToken cancellation = default)
    {
        IReadOnlyList<LegacyEnrollment> legacy;
        long alreadyLinked;
        await using (var query = store.QuerySession(tenantId))
        {
            legacy = await query.LegacyEnrollmentsAsync(cancellation);
            alreadyLinked = await query.LinkedEnrollmentCountAsync(cancellation);
        }

        int linked = 0, unmatched = 0, duplicates = 0;
        var linkedInThisRun = new HashSet<(string UserId, Guid ProgramId)>(); // so a dry run predicts what a real run does
        foreach (var enrollment in legacy)
        {
            cancellation.ThrowIfCancellationRequested();
            switch (await LinkOneAsync(store, tenantId, enrollment, dryRun, clock, linkedInThisRun, cancellation))
            {
                case LinkResult.Linked:
                    linked++;
                    break;
                case LinkResult.Unmatched:
                    unmatched++;
                    break;
                default:
                    duplicates++;
                    break;
            }

            progress?.Report(new BackfillProgress(linked + unmatched + duplicates, legacy.Count));
        }

        return new BackfillReport(linked, unmatched, (int)alreadyLinked, duplicates, dryRun);
    }

    private enum LinkResult
    {
        Linked,
        Unmatched,
        Duplicate,
    }

    // One session (one transaction) per enrollment: a failure stops the run without losing the links made so far.
    private static async Task<LinkResult> LinkOneAsync(IDocumentStore store, string tenantId, LegacyEnrollment enrollment, bool dryRun,
        TimeProvider clock, HashSet<(string UserId, Guid ProgramId)> linkedInThisRun, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(tenantId);
        var facts = await session.EnrollmentFactsAsync(null, enrollment.UserId, enrollment.ProgramType, enrollment.CompanyId, cancellation);
        var context = ProgramLookup.Find(enrollment.ProgramType, enrollment.CompanyId, facts.Candidates.Programs, facts.Candidates.Campaigns,
            lookupDisabled: false);
        if (context is null)
        {
            return LinkResult.Unmatched;
        }

        if (linkedInThisRun.Contains((enrollment.UserId, context.ProgramId))
            || facts.ActiveEnrollmentIn(context.ProgramId) is not null)
        {
            return LinkResult.Duplicate; // the user already has an active enrollment in that program
        }

        if (dryRun)
        {
            linkedInThisRun.Add((enrollment.UserId, context.ProgramId));
            return LinkResult.Linked;
        }

        var stream = await session.Events.FetchForWriting<EnrollmentState>(enrollment.EnrollmentId, cancellation);
        var decision = EnrollmentDecisions.Link(stream.Aggregate!, context, clock.GetUtcNow());
        if (decision.Events.Count == 0)
        {
            return LinkResult.Duplicate; // linked by someone else since the list was read
        }

        stream.AppendMany(decision.Events);
        var result = await session.CommitAsync(enrollment.EnrollmentId, cancellation);
        if (!result.IsAccepted)
        {
            return LinkResult.Duplicate;
        }

        linkedInThisRun.Add((enrollment.UserId, context.ProgramId));
        return LinkResult.Linked;
    }
}
