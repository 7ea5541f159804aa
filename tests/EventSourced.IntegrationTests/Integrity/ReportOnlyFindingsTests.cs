using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Templates.Commands;
using EventSourced.IntegrationTests.Programs;
using EventSourced.Operations.Repairs;
using EventSourced.Projections.Integrity;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// The report-only findings: <c>stale-approval</c> (a reviewer decides it) and <c>program-on-archived-template</c> (the program
/// must be migrated). The check reports them; the repair leaves them, with no compensation outcome and no event.
/// </summary>
public sealed class ReportOnlyFindingsTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Stale_approvals_and_programs_on_archived_templates_are_reported_and_left_to_people()
    {
        var approval = (await db.PendingWorkflowAsync("stale")).Approval;
        var template = await db.ActiveTemplateAsync("archived");
        var pinned = await db.ActiveProgramAsync(template, "Pinned to archived");
        var archived = await db.ActiveProgramAsync(template, "Archived with its template");
        await db.AcceptedAsync(new ChangeProgramStatus(archived, "archived"));
        await db.AcceptedAsync(new ArchiveTemplate(template));

        // Pending for exactly the maximum age is not stale yet; a second more is.
        var requestedAt = db.Clock.GetUtcNow();
        (await CheckAtAsync(requestedAt + TimeSpan.FromDays(7))).CountsByKind[FindingKinds.StaleApproval].ShouldBe(0);
        var later = new FixedClock(requestedAt + TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var report = await IntegrityCheck.RunAsync(db.Store, new IntegrityCheckOptions(), later, cancellation: TestContext.Current.CancellationToken);

        report.Finding(FindingKinds.StaleApproval, approval).Detail.ShouldContain("pending since 2026-11-23T09:00:00Z");
        report.Finding(FindingKinds.ProgramOnArchivedTemplate, pinned).Detail.ShouldContain("is pinned to archived template archived v1");
        report.DomainFindings.Count.ShouldBe(2); // not the archived program
        report.Tables.ShouldAllBe(t => t.IsClean);

        // A shorter maximum age makes it stale sooner.
        var hourLater = new FixedClock(requestedAt + TimeSpan.FromHours(2));
        var options = new IntegrityCheckOptions { PendingApprovalMaxAge = TimeSpan.FromHours(1) };
        (await IntegrityCheck.RunAsync(db.Store, options, hourLater, cancellation: TestContext.Current.CancellationToken))
            .Finding(FindingKinds.StaleApproval, approval);

        var events = await db.EventCountAsync();
        var tables = await db.ReadTablesSnapshotAsync();
        foreach (var kinds in new IReadOnlyCollection<string>?[] { null, [FindingKinds.StaleApproval, FindingKinds.ProgramOnArchivedTemplate] })
        {
            var repair = await db.RepairAsync(new RepairOptions { OperatorId = "ops-1", Reason = "INC-4711", Kinds = kinds }, later);

            repair.Before.DomainFindings.Count.ShouldBe(2);
            repair.Compensations.ShouldBeEmpty();
            repair.Reprojected.ShouldBeEmpty();
            repair.EventCount.ShouldBe(0);
            var after = repair.After.ShouldNotBeNull();
            after.Finding(FindingKinds.StaleApproval, approval);
            after.Finding(FindingKinds.ProgramOnArchivedTemplate, pinned);
        }

        (await db.EventCountAsync()).ShouldBe(events);
        await db.ShouldHaveReadTablesAsync(tables);
    }

    private Task<IntegrityReport> CheckAtAsync(DateTimeOffset now) =>
        IntegrityCheck.RunAsync(db.Store, new IntegrityCheckOptions(), new FixedClock(now), cancellation: TestContext.Current.CancellationToken);
}
