using EventSourced.Projections.Integrity;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// Partial checks: one stream (<c>--stream</c>) and the streams written after a sequence (<c>--since</c>) — exactly those streams'
/// rows compared, whatever else drifted.
/// </summary>
public sealed class PartialCheckTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task A_single_stream_and_a_since_check_compare_only_those_streams()
    {
        var populated = await db.PopulateAsync("partial");
        var (first, second) = (populated.Enrollments[0], populated.Enrollments[1]);
        await Sql.ExecuteAsync(db.ConnectionString, $"update program_enrollments set program_type = 'hand-edited' where id in ('{first}', '{second}')");

        var one = await db.CheckAsync(new IntegrityCheckOptions { StreamIds = [first] });

        one.Scope.ShouldBe("1 stream(s)");
        var enrollments = one.Table("program_enrollments");
        enrollments.ShouldSatisfyAllConditions(
            () => enrollments.ExpectedRows.ShouldBe(1),
            () => enrollments.ActualRows.ShouldBe(1),
            () => enrollments.Mismatches.ShouldBe([new ColumnMismatch(first, "program_type", "mentorship", "hand-edited")]));
        one.OtherTablesShouldBeClean("program_enrollments");
        one.Tables.Where(t => t.Table != "program_enrollments").ShouldAllBe(t => t.ActualRows == 0);
        one.DomainFindings.ShouldBeEmpty();

        var secondFrom = await Sql.ScalarAsync(db.ConnectionString, $"select min(seq_id) from mt_events where stream_id = '{second}'");
        var since = await db.CheckAsync(new IntegrityCheckOptions { SinceSequence = secondFrom - 1 });

        since.Scope.ShouldBe($"since sequence {secondFrom - 1}");
        since.Table("program_enrollments").Mismatches.Select(m => m.Id).ShouldBe([second]); // written before: not looked at
        (await db.CheckAsync()).Table("program_enrollments").MismatchCount.ShouldBe(2);
    }
}
