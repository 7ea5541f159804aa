using EventSourced.Domain.Common;
using System.Collections.Concurrent;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.IntegrationTests.Integrity;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Replay;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Replay;

/// <summary>
/// Issue 15: the rebuild builds new tables beside the live ones and switches them in one short transaction. Equal to the
/// inline tables row for row; under a writer and readers, no reader sees a table shrink and no acknowledged write goes
/// missing; an interrupted rebuild leaves the live tables as they were; events that cannot be applied stop the switch.
/// </summary>
public sealed class ZeroDowntimeRebuildTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_rebuilt_tables_equal_the_inline_tables_row_for_row_and_the_replay_counts_every_stream()
    {
        var ct = TestContext.Current.CancellationToken;
        var bulk = await PopulateAsync();
        var before = await db.ReadTablesSnapshotAsync();

        var report = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions(), cancellation: ct)).ShouldHaveSingleItem();

        report.Switched.ShouldBeTrue(report.NotSwitchedBecause);
        report.Streams.ShouldBe(bulk.StreamCount);
        report.Events.ShouldBe(bulk.EventCount);
        report.UnappliedEventCount.ShouldBe(0);
        report.Tables.Select(t => t.Table).ShouldBe(ReadTableCatalog.TableNames);
        report.Tables.ShouldAllBe(t => t.RowsAfter == t.RowsBefore);
        await db.ShouldHaveReadTablesAsync(before);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from pg_namespace where nspname like 'es_rebuild_%'")).ShouldBe(0);
        (await IntegrityCheck.RunAsync(db.Store, new IntegrityCheckOptions(), db.Clock, cancellation: ct)).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task Under_a_writer_and_readers_no_reader_sees_a_table_shrink_and_no_acknowledged_write_is_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        await PopulateAsync();
        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var smallestSeen = new ConcurrentBag<(long Seen, long Floor)>();
        using var stop = new CancellationTokenSource();

        var baseline = await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_enrollments"); // before any write of the test
        var writer = Task.Run(() => WriteEnrollmentsAsync(acknowledged, stop.Token), ct);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() => ReadCountsAsync(baseline, acknowledged, smallestSeen, stop.Token), ct)).ToArray();
        await Eventually.UntilAsync(() => acknowledged.Count >= 20, "the writer acknowledged 20 enrollments", ct);

        // Verified too: the streams the writer moves during the verification are left to the switch's final catch-up.
        var report = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions { Verify = true }, cancellation: ct)).ShouldHaveSingleItem();
        var atSwitch = acknowledged.Count;
        await Eventually.UntilAsync(() => acknowledged.Count >= atSwitch + 20, "writes went on into the new tables", ct);
        await stop.CancelAsync();
        await writer;
        await Task.WhenAll(readers);

        report.Switched.ShouldBeTrue(report.NotSwitchedBecause);
        report.VerifyDifferences.ShouldBe(0);
        smallestSeen.ShouldNotBeEmpty();
        smallestSeen.Where(s => s.Seen < s.Floor).ShouldBeEmpty("a reader saw fewer enrollments than had been acknowledged before it read");
        var rows = await Sql.QueryAsync(db.ConnectionString, "select id, status from program_enrollments");
        var statuses = rows.ToDictionary(r => (Guid)r["id"]!, r => (string)r["status"]!);
        acknowledged.Where(a => !statuses.TryGetValue(a.Key, out var status) || status != a.Value).Select(a => a.Key)
            .ShouldBeEmpty("every acknowledged enrollment is in the table as its last acknowledged event left it");
        (await IntegrityCheck.RunAsync(db.Store, new IntegrityCheckOptions(), db.Clock, cancellation: ct)).Tables.Where(t => !t.IsClean).ShouldBeEmpty();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{acknowledged.Count} enrollments written during the test, {report.CaughtUpStreams} streams caught up, switch {report.SwitchDuration.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_write_that_commits_after_the_replay_began_is_in_the_new_tables_though_its_transaction_began_before()
    {
        var ct = TestContext.Current.CancellationToken;
        var bulk = await PopulateAsync();
        var late = bulk.Enrollments[0];
        // The writer's transaction is open (its id taken) when the rebuild starts and commits while the log is being replayed: the
        // replay's snapshot cannot see it, so only the catch-up can.
        await using var writer = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await writer.OpenAsync(ct);
        await using var transaction = await writer.BeginTransactionAsync(ct);
        await db.AppendWithoutProjectingAsync(writer, late, new EnrollmentStatusChanged(late, EnrollmentStatus.Active, EnrollmentStatus.Withdrawn, At));
        var committed = false;
        var progress = new SynchronousProgress(p =>
        {
            if (p.Phase == "replay" && !committed)
            {
                transaction.Commit();
                committed = true;
            }
        });

        var report = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions { Tables = ["program_enrollments"] }, progress, ct))
            .ShouldHaveSingleItem();

        report.Switched.ShouldBeTrue(report.NotSwitchedBecause);
        committed.ShouldBeTrue("committed during the replay");
        report.CaughtUpStreams.ShouldBeGreaterThanOrEqualTo(1);
        (await Sql.QueryAsync(db.ConnectionString, $"select status from program_enrollments where id = '{late}'")).ShouldHaveSingleItem()["status"].ShouldBe("withdrawn");
        (await IntegrityCheck.RunAsync(db.Store, new IntegrityCheckOptions(), db.Clock, cancellation: ct)).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_refuses_to_switch_new_tables_that_differ_from_the_replay()
    {
        var ct = TestContext.Current.CancellationToken;
        await PopulateAsync();
        var before = await db.ReadTablesSnapshotAsync();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Phase == "verify")
            {
                // Whatever could go wrong between the build and the switch: a row of the new tables is not what its stream says.
                Sql.ExecuteAsync(db.ConnectionString, "do $$ declare s text; begin select nspname into s from pg_namespace " +
                    "where nspname like 'es_rebuild_%' and nspname not like '%_old'; execute format(" +
                    "'update %I.program_enrollments set program_type = %L where id = (select id from %I.program_enrollments order by id limit 1)', s, 'corrupted', s); end $$")
                    .GetAwaiter().GetResult();
            }
        });

        var report = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions { Verify = true }, progress, ct)).ShouldHaveSingleItem();

        report.Switched.ShouldBeFalse();
        report.VerifyDifferences.ShouldBe(1);
        report.NotSwitchedBecause.ShouldNotBeNull().ShouldContain("program_enrollments: 0 missing, 0 extra, 1 differing");
        await db.ShouldHaveReadTablesAsync(before);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from pg_namespace where nspname like 'es_rebuild_%'")).ShouldBe(0);
    }

    [Fact]
    public async Task An_interrupted_rebuild_leaves_the_live_tables_untouched_and_the_next_one_cleans_up_and_succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await PopulateAsync();
        var before = await db.ReadTablesSnapshotAsync();
        await Sql.ExecuteAsync(db.ConnectionString, "create schema es_rebuild_20260101000000_deadbeef; " +
            "create table es_rebuild_20260101000000_deadbeef.program_enrollments (id uuid)"); // what a killed rebuild leaves behind

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new SynchronousProgress(p =>
        {
            if (p.Phase == "replay" && p.Done > 0)
            {
                interrupt.Cancel();
            }
        });
        var thrown = await Should.ThrowAsync<Exception>(() => ReadTableRebuild.RunAsync(db.Store, new RebuildOptions(), progress, interrupt.Token));
        thrown.ShouldBeAssignableTo<OperationCanceledException>(thrown.ToString());

        await db.ShouldHaveReadTablesAsync(before);
        var report = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions(), cancellation: ct)).ShouldHaveSingleItem();
        report.Switched.ShouldBeTrue(report.NotSwitchedBecause);
        await db.ShouldHaveReadTablesAsync(before);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from pg_namespace where nspname like 'es_rebuild_%'")).ShouldBe(0);
    }

    [Fact]
    public async Task Events_that_cannot_be_applied_stop_the_switch_unless_the_operator_proceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var bulk = await PopulateAsync();
        var before = await db.ReadTablesSnapshotAsync();
        var (sequence, _) = await db.InsertUnknownTypeAsync(bulk.Enrollments[0]);

        var refused = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions { Tables = ["program_enrollments"] }, cancellation: ct))
            .ShouldHaveSingleItem();
        refused.Switched.ShouldBeFalse();
        refused.NotSwitchedBecause.ShouldNotBeNull().ShouldContain("could not be read or applied");
        refused.UnappliedEvents.ShouldHaveSingleItem().Sequence.ShouldBe(sequence);
        await db.ShouldHaveReadTablesAsync(before);

        var proceeded = (await ReadTableRebuild.RunAsync(db.Store,
            new RebuildOptions { Tables = ["program_enrollments"], ProceedDespiteUnappliedEvents = true }, cancellation: ct)).ShouldHaveSingleItem();
        proceeded.Switched.ShouldBeTrue();
        proceeded.UnappliedEventCount.ShouldBe(1);
        proceeded.Tables.ShouldHaveSingleItem().Table.ShouldBe("program_enrollments");
    }

    [Fact]
    public async Task An_unapplied_event_on_a_stream_the_catch_up_folds_again_is_reported_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // A transaction that began before the streams were written and is still open when the rebuild starts: the rebuild's
        // mark (its snapshot's xmin) falls before every stream's transaction, so the catch-up folds them all a second time.
        // Other sessions' open transactions do this to a rebuild in production (and did, now and then, in CI).
        await using var older = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await older.OpenAsync(ct);
        await using var open = await older.BeginTransactionAsync(ct);
        await using (var xid = new Npgsql.NpgsqlCommand("select pg_current_xact_id()", older, open))
        {
            await xid.ExecuteScalarAsync(ct);
        }

        var bulk = await PopulateAsync();
        var (sequence, _) = await db.InsertUnknownTypeAsync(bulk.Enrollments[0]);

        var refused = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions { Tables = ["program_enrollments"] }, cancellation: ct))
            .ShouldHaveSingleItem();
        refused.Switched.ShouldBeFalse();
        refused.UnappliedEventCount.ShouldBe(1);
        refused.UnappliedEvents.ShouldHaveSingleItem().Sequence.ShouldBe(sequence);
        await open.RollbackAsync(ct);
    }

    private async Task<BulkStreams> PopulateAsync()
    {
        await Sql.ExecuteAsync(db.ConnectionString, $"truncate mt_events, mt_streams, {string.Join(", ", ReadTableCatalog.TableNames)}");
        var bulk = new BulkStreams(db);
        await bulk.TemplatesAsync(6);
        await bulk.GroupsAsync(10);
        await bulk.ProgramsAsync(30);
        await bulk.CampaignsAsync(perProgram: 3);
        await bulk.UpdateCampaignsAsync(every: 3);
        await bulk.ProbabilityChangesAsync(bulk.Campaigns, changesEach: 2);
        var crossing = bulk.Campaigns.Where((_, i) => i % 3 != 2).ToArray();
        await bulk.CrossAsync(crossing);
        await bulk.ApproveAsync(crossing.Where((_, i) => i % 2 == 0).ToArray());
        await bulk.EnrollmentsAsync(300);
        return bulk;
    }

    /// <summary>New enrollments, one transaction each, and now and then a status change of an earlier one: the inline path.</summary>
    private async Task WriteEnrollmentsAsync(ConcurrentDictionary<Guid, string> acknowledged, CancellationToken stop)
    {
        var i = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var session = db.Store.LightweightSession();
            var id = EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, $"during-rebuild-{i}");
            var status = WireNames.Of(EnrollmentStatus.Active);
            session.Events.StartStream<EnrollmentState>(id, new EnrollmentCreated(id, $"user-{i}", null, "mentorship", null, null, null,
                SourceSystems.Kintell, $"during-rebuild-{i}", At, At));
            var earlier = i > 3 && i % 4 == 0 ? EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, $"during-rebuild-{i - 3}") : (Guid?)null;
            if (earlier is { } previous)
            {
                session.Events.Append(previous, new EnrollmentStatusChanged(previous, EnrollmentStatus.Active, EnrollmentStatus.Completed, At));
            }

            await session.SaveChangesAsync(CancellationToken.None);
            acknowledged[id] = status;
            if (earlier is { } completed)
            {
                acknowledged[completed] = WireNames.Of(EnrollmentStatus.Completed);
            }

            i++;
        }
    }

    /// <summary>Counts the table over and over; each count must be at least what was acknowledged before the query started.</summary>
    private async Task ReadCountsAsync(long baseline, ConcurrentDictionary<Guid, string> acknowledged, ConcurrentBag<(long, long)> seen,
        CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var floor = baseline + acknowledged.Count; // taken before the query: all of these committed before it starts
            seen.Add((await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_enrollments"), floor));
        }
    }

    /// <summary>Progress reported on the caller's thread (Progress&lt;T&gt; would post it, too late to interrupt on time).</summary>
    private sealed class SynchronousProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
