using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Projections.Integrity;
using EventSourced.Testing;
using Npgsql;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// <c>--incremental</c>: the streams written since the last clean check, whose mark is taken from the check's snapshot (the
/// oldest transaction it may not have seen), so a write that committed after the check is covered next time even when its
/// sequence is lower than ones the check saw. Its own database: it needs a clean store to start from.
/// </summary>
public sealed class IncrementalCheckTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task An_incremental_check_covers_the_streams_written_since_the_last_clean_check_even_when_they_committed_late()
    {
        await Sql.ExecuteAsync(db.ConnectionString, "drop table if exists es_integrity_marks");
        var populated = await db.PopulateAsync("incremental");
        var (old, late) = (populated.Enrollments[0], populated.Enrollments[1]);

        // Without a recorded mark, an incremental check is a full one.
        (await db.CheckAsync(new IntegrityCheckOptions { Incremental = true })).Scope.ShouldBe("full");

        // A writer takes its sequence and appends to 'late' (its row not projected: a lost write), but commits only after the next
        // check; meanwhile another enrollment commits with a higher sequence, which that check sees.
        await using var writer = new NpgsqlConnection(db.ConnectionString);
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await writer.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await db.AppendWithoutProjectingAsync(writer, late, new EnrollmentStatusChanged(late, EnrollmentStatus.Active, EnrollmentStatus.Completed, db.Clock.GetUtcNow()));
        var after = await db.EnrollAsync("incremental-after", "user-incremental-after", "mentorship");
        var lateSequence = await Sql.ScalarAsync(db.ConnectionString, $"select max(seq_id) from mt_events where stream_id = '{after}'");

        var clean = await db.CheckAsync();
        clean.ShouldBeClean();
        await transaction.CommitAsync(TestContext.Current.CancellationToken);

        // Drift on a stream not written since: an incremental check does not look at it.
        await Sql.ExecuteAsync(db.ConnectionString, $"update program_enrollments set program_type = 'hand-edited' where id = '{old}'");
        var incremental = await db.CheckAsync(new IntegrityCheckOptions { Incremental = true });

        incremental.Scope.ShouldStartWith("written since the clean check of");
        incremental.Table("program_enrollments").Mismatches.ShouldBe([new ColumnMismatch(late, "status", "completed", "active")]);
        // A check of what came after the highest sequence the clean check saw would have missed it.
        (await db.CheckAsync(new IntegrityCheckOptions { SinceSequence = lateSequence })).ShouldBeClean();

        // Not clean: the mark stays, and the next incremental check still covers 'late'.
        var full = await db.CheckAsync();
        full.Table("program_enrollments").MismatchCount.ShouldBe(2);
        (await db.CheckAsync(new IntegrityCheckOptions { Incremental = true })).Table("program_enrollments").Mismatches.Select(m => m.Id).ShouldBe([late]);
    }
}
