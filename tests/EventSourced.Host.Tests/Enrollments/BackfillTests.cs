using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Enrollments;
using EventSourced.Host.Tests.Programs;
using EventSourced.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;
using System.Net;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary>
/// The backfill (runbook 000's 001_backfill_programs, as the library call the <c>backfill-programs</c> command makes): legacy
/// enrollments are linked to the active program of their programType with an <c>enrollment_linked_to_program.v1</c> event
/// each. Its report counts the whole database, so every scenario has a class (a database) of its own.
/// </summary>
public sealed class BackfillTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Linked = "enrollment_linked_to_program.v1";

    [Fact]
    public async Task Backfill_links_legacy_enrollments_once_and_a_dry_run_changes_nothing()
    {
        var start = fixture.Clock.Now;
        var (typeA, typeB, typeC) = (Unique("mentorship"), Unique("buddy"), Unique("language"));
        var draftA = await fixture.DraftProgramOfTypeAsync(typeA, "Template A", "Program A"); // activated only after the enrollments
        var programB = await fixture.ActiveProgramOfTypeAsync(typeB, "Template B", "Program B"); // active all along
        var company = Guid.NewGuid();
        var (u1, u2, u3, u4, u5, u6) = (Unique("u1"), Unique("u2"), Unique("u3"), Unique("u4"), Unique("u5"), Unique("u6"));
        var (e1, e2, e3, e4, e5, e6) = (Unique("e1"), Unique("e2"), Unique("e3"), Unique("e4"), Unique("e5"), Unique("e6"));

        // Legacy: type A has no active program yet (u1 with a company, u2 without, u3 enrolled directly); type C never has
        // one (u4); u5's event arrives while the lookup is disabled although type B's program is active. u6 is linked.
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Kintell, e1, u1, company, typeA, OccurredAt))).ShouldHaveSucceeded();
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Buddy, e2, u2, null, typeA, OccurredAt))).ShouldHaveSucceeded();
        var direct = await fixture.Host.PostAsync("/enrollments", EnrollmentApiTests.Body(SourceSystems.Upskilling, e3, u3, typeA));
        direct.Status.ShouldBe(HttpStatusCode.Created, direct.Body);
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Kintell, e4, u4, company, typeC, OccurredAt))).ShouldHaveSucceeded();
        var lookup = fixture.Host.Services.GetRequiredService<ProgramLookupOptions>();
        lookup.DisableProgramLookup = true;
        try
        {
            (await fixture.DeliverAsync(SourceEvent(SourceSystems.Buddy, e5, u5, null, typeB, OccurredAt))).ShouldHaveSucceeded();
        }
        finally
        {
            lookup.DisableProgramLookup = false;
        }

        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Upskilling, e6, u6, null, typeB, OccurredAt))).ShouldHaveSucceeded();
        var legacyIds = new[] { IdOf(SourceSystems.Kintell, e1), IdOf(SourceSystems.Buddy, e2), IdOf(SourceSystems.Upskilling, e3),
            IdOf(SourceSystems.Kintell, e4), IdOf(SourceSystems.Buddy, e5) };
        (await Sql.QueryAsync(fixture.ConnectionString, "select id from program_enrollments where program_id is null"))
            .Select(r => (Guid)r["id"]!).Order().ShouldBe(legacyIds.Order());

        var programA = await fixture.StatusAsync(draftA.Id, "active");
        var campaign = await fixture.WonCampaignAsync(programA.Id, company);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var before = await Sql.TableSnapshotAsync(fixture.ConnectionString, "program_enrollments");

        // Dry run: counts, writes nothing.
        var dryRun = await EnrollmentBackfill.RunAsync(store, dryRun: true, fixture.Clock, cancellation: TestContext.Current.CancellationToken);

        dryRun.ShouldBe(new BackfillReport(Linked: 4, StillUnmatched: 1, AlreadyLinked: 1, SkippedAsDuplicate: 0, DryRun: true));
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
        (await Sql.TableSnapshotAsync(fixture.ConnectionString, "program_enrollments")).ShouldBe(before);

        // The real run: one link event per legacy enrollment that has a program now.
        var linkedAt = start.AddDays(1);
        fixture.Clock.Now = linkedAt;
        var progress = new List<BackfillProgress>();
        var run = await EnrollmentBackfill.RunAsync(store, dryRun: false, fixture.Clock, new SynchronousProgress(progress),
            TestContext.Current.CancellationToken);

        run.ShouldBe(new BackfillReport(Linked: 4, StillUnmatched: 1, AlreadyLinked: 1, SkippedAsDuplicate: 0, DryRun: false));
        progress.Select(p => (p.Done, p.Total)).ShouldBe([(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events + 4);
        (await Sql.QueryAsync(fixture.ConnectionString, $"select stream_id, count(*) as links from mt_events where type = '{Linked}' group by stream_id"))
            .Select(r => $"{r["stream_id"]}: {r["links"]}").Order(StringComparer.Ordinal)
            .ShouldBe(legacyIds.Where((_, i) => i != 3).Select(id => $"{id}: 1").Order(StringComparer.Ordinal));
        (await fixture.StreamOfAsync(legacyIds[0])).ShouldBe(["enrollment_created.v1", Linked]);
        (await fixture.StreamOfAsync(legacyIds[3])).ShouldBe(["enrollment_created.v1"]);

        (await fixture.EnrollmentsOfAsync(u1)).ShouldBe([fixture.Expected(legacyIds[0], u1, company, typeA, programA, SourceSystems.Kintell, e1,
            campaignId: campaign.Id, createdAt: start, updatedAt: linkedAt)]);
        (await fixture.EnrollmentsOfAsync(u2)).ShouldBe([fixture.Expected(legacyIds[1], u2, null, typeA, programA, SourceSystems.Buddy, e2,
            createdAt: start, updatedAt: linkedAt)]);
        (await fixture.EnrollmentsOfAsync(u3)).ShouldBe([fixture.Expected(legacyIds[2], u3, null, typeA, programA, SourceSystems.Upskilling, e3,
            createdAt: start, updatedAt: linkedAt)]);
        (await fixture.EnrollmentsOfAsync(u4)).ShouldBe([fixture.Expected(legacyIds[3], u4, company, typeC, program: null, SourceSystems.Kintell, e4,
            createdAt: start)]);
        (await fixture.EnrollmentsOfAsync(u5)).ShouldBe([fixture.Expected(legacyIds[4], u5, null, typeB, programB, SourceSystems.Buddy, e5,
            createdAt: start, updatedAt: linkedAt)]);
        (await fixture.EnrollmentsOfAsync(u6)).ShouldBe([fixture.Expected(IdOf(SourceSystems.Upskilling, e6), u6, null, typeB, programB,
            SourceSystems.Upskilling, e6, createdAt: start)]);
        (await fixture.RunbookQueryAsync(u1)).ShouldBe([
            RunbookRow(legacyIds[0], u1, typeA, programA.Id, campaign.Id, programA.BeneficiaryGroupId, SourceSystems.Kintell, "active", "Program A", "Template A"),
        ]);

        // A second run finds nothing left to link.
        var linkedEvents = await Sql.EventCountAsync(fixture.ConnectionString);
        var after = await Sql.TableSnapshotAsync(fixture.ConnectionString, "program_enrollments");
        fixture.Clock.Now = start.AddDays(2);

        var again = await EnrollmentBackfill.RunAsync(store, dryRun: false, fixture.Clock, cancellation: TestContext.Current.CancellationToken);

        again.ShouldBe(new BackfillReport(Linked: 0, StillUnmatched: 1, AlreadyLinked: 5, SkippedAsDuplicate: 0, DryRun: false));
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(linkedEvents);
        (await Sql.TableSnapshotAsync(fixture.ConnectionString, "program_enrollments")).ShouldBe(after);

        // The runbook's checks: programType and program agree everywhere; coverage as counted.
        (await Sql.QueryAsync(fixture.ConnectionString, DualWriteCheck)).ShouldBeEmpty();
        (await Sql.QueryAsync(fixture.ConnectionString, CoverageQuery)).Select(Describe)
            .ShouldBe(["total=6, with_program_id=5, legacy_only=1, with_campaign_id=1"]);
    }

    /// <summary>Records progress reports as they are made (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class SynchronousProgress(List<BackfillProgress> reports) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value) => reports.Add(value);
    }
}

/// <summary>A legacy enrollment of a user who meanwhile enrolled in the program itself is skipped, not linked: the user keeps
/// one active enrollment per program.</summary>
public sealed class BackfillOfAlreadyEnrolledUsersTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_legacy_enrollment_of_a_user_already_in_the_program_is_skipped()
    {
        var type = Unique("mentorship");
        var draft = await fixture.DraftProgramOfTypeAsync(type, "Template", "Program");
        var (user, legacyEvent, laterEvent) = (Unique("user"), Unique("k"), Unique("b"));
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Kintell, legacyEvent, user, null, type, OccurredAt))).ShouldHaveSucceeded();
        var program = await fixture.StatusAsync(draft.Id, "active");
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Buddy, laterEvent, user, null, type, OccurredAt))).ShouldHaveSucceeded();
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var before = await Sql.TableSnapshotAsync(fixture.ConnectionString, "program_enrollments");

        var dryRun = await EnrollmentBackfill.RunAsync(store, dryRun: true, fixture.Clock, cancellation: TestContext.Current.CancellationToken);
        var run = await EnrollmentBackfill.RunAsync(store, dryRun: false, fixture.Clock, cancellation: TestContext.Current.CancellationToken);

        dryRun.ShouldBe(new BackfillReport(Linked: 0, StillUnmatched: 0, AlreadyLinked: 1, SkippedAsDuplicate: 1, DryRun: true));
        run.ShouldBe(new BackfillReport(Linked: 0, StillUnmatched: 0, AlreadyLinked: 1, SkippedAsDuplicate: 1, DryRun: false));
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
        (await Sql.TableSnapshotAsync(fixture.ConnectionString, "program_enrollments")).ShouldBe(before);
        (await fixture.EnrollmentsOfAsync(user)).Select(e => (e.Id, e.ProgramId)).Order().ShouldBe(new[]
        {
            (IdOf(SourceSystems.Kintell, legacyEvent), (Guid?)null),
            (IdOf(SourceSystems.Buddy, laterEvent), program.Id),
        }.Order());
    }
}

/// <summary>Two legacy enrollments of one user for one programType: only the first can be linked, the other is skipped
/// (one active enrollment per program).</summary>
public sealed class BackfillOfRepeatedLegacyEnrollmentsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Only_the_oldest_of_a_users_legacy_enrollments_is_linked()
    {
        var (type, user) = (Unique("mentorship"), Unique("user"));
        var draft = await fixture.DraftProgramOfTypeAsync(type, "Template", "Program");
        var (first, second) = await TwoLegacyEnrollmentsAsync(fixture, type, user);
        var program = await fixture.StatusAsync(draft.Id, "active");
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var events = await Sql.EventCountAsync(fixture.ConnectionString);

        var run = await EnrollmentBackfill.RunAsync(store, dryRun: false, fixture.Clock, cancellation: TestContext.Current.CancellationToken);
        var again = await EnrollmentBackfill.RunAsync(store, dryRun: false, fixture.Clock, cancellation: TestContext.Current.CancellationToken);

        run.ShouldBe(new BackfillReport(Linked: 1, StillUnmatched: 0, AlreadyLinked: 0, SkippedAsDuplicate: 1, DryRun: false));
        again.ShouldBe(new BackfillReport(Linked: 0, StillUnmatched: 0, AlreadyLinked: 1, SkippedAsDuplicate: 1, DryRun: false));
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events + 1);
        (await fixture.EnrollmentsOfAsync(user)).Select(e => (e.Id, e.ProgramId)).ShouldBe([(first, (Guid?)program.Id), (second, null)]);
        (await Sql.QueryAsync(fixture.ConnectionString, DualWriteCheck)).ShouldBeEmpty();
    }

    /// <summary>Two events of <paramref name="user"/> for <paramref name="type"/> while it has no active program, a minute apart.</summary>
    internal static async Task<(Guid First, Guid Second)> TwoLegacyEnrollmentsAsync(HostFixture fixture, string type, string user)
    {
        var (firstEvent, secondEvent) = (Unique("k"), Unique("k"));
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Kintell, firstEvent, user, null, type, OccurredAt))).ShouldHaveSucceeded();
        fixture.Clock.Now = fixture.Clock.Now.AddMinutes(1);
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Kintell, secondEvent, user, null, type, OccurredAt))).ShouldHaveSucceeded();
        var (first, second) = (IdOf(SourceSystems.Kintell, firstEvent), IdOf(SourceSystems.Kintell, secondEvent));
        (await fixture.EnrollmentsOfAsync(user)).Select(e => (e.Id, e.ProgramId)).ShouldBe([(first, (Guid?)null), (second, null)]);
        return (first, second);
    }
}

/// <summary>A dry run says what the real run will do: the operator decides on its report.</summary>
public sealed class BackfillDryRunPredictionTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_dry_run_reports_what_the_real_run_then_does()
    {
        var (type, user) = (Unique("mentorship"), Unique("user"));
        var draft = await fixture.DraftProgramOfTypeAsync(type, "Template", "Program");
        await BackfillOfRepeatedLegacyEnrollmentsTests.TwoLegacyEnrollmentsAsync(fixture, type, user);
        await fixture.StatusAsync(draft.Id, "active");
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();

        var dryRun = await EnrollmentBackfill.RunAsync(store, dryRun: true, fixture.Clock, cancellation: TestContext.Current.CancellationToken);
        var run = await EnrollmentBackfill.RunAsync(store, dryRun: false, fixture.Clock, cancellation: TestContext.Current.CancellationToken);

        run.ShouldBe(new BackfillReport(Linked: 1, StillUnmatched: 0, AlreadyLinked: 0, SkippedAsDuplicate: 1, DryRun: false));
        dryRun.ShouldBe(run with { DryRun = true });
    }
}
