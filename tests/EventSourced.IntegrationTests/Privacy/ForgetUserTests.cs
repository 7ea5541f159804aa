using EventSourced.Domain.Privacy;
using EventSourced.IntegrationTests.Approvals;
using EventSourced.IntegrationTests.Integrity;
using EventSourced.Operations.Privacy;
using EventSourced.Projections.Replay;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Privacy;

/// <summary>
/// Issue 19 §4, forgetting a person: their identifier disappears from the events and the read tables (Marten's event data
/// masking), while counts, program links and the integrity check stay intact and a rebuild reproduces the tables; the
/// erasure is recorded without the erased data; a second run changes nothing.
/// </summary>
public sealed class ForgetUserTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task A_forgotten_user_leaves_no_trace_but_their_enrollments_still_count()
    {
        var ct = TestContext.Current.CancellationToken;
        var populated = await db.PopulateAsync("gdpr");
        var user = "user-gdpr-1"; // the second of the three enrollees
        var enrollment = populated.Enrollments[1];
        var before = await Sql.QueryAsync(db.ConnectionString, "select id, program_id, campaign_id, status from program_enrollments order by id");

        var report = await UserErasure.ForgetAsync(db.Store, user, "dpo-1", "GDPR request #77", db.Clock, cancellation: ct);

        (report.EnrollmentsErased, report.ReadRowsUpdated, report.MessagesDeleted, report.NothingToErase).ShouldBe((1, 1, 0, false));
        // Gone from the log and the tables, whatever the column or the JSON (stored messages: ForgetUserEndpointTests).
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from mt_events where data::text like '%{user}%'")).ShouldBe(0);
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from program_enrollments where user_id = '{user}'")).ShouldBe(0);
        (await db.RowAsync($"select user_id from program_enrollments where id = '{enrollment}'"))["user_id"].ShouldBe(PersonalData.ErasedUserId(enrollment));
        // Everything else as it was: the rows, their program and campaign links and statuses; the other enrollees untouched.
        (await Sql.QueryAsync(db.ConnectionString, "select id, program_id, campaign_id, status from program_enrollments order by id")).ShouldBe(before);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_enrollments where user_id in ('user-gdpr-0', 'user-gdpr-2')")).ShouldBe(2);
        // The erasure is on record, without the erased data.
        var record = await db.RowAsync($"select data::text as data, user_name from mt_events where type = 'personal_data_erased.v1' and stream_id = '{report.ErasureId}'");
        ((string)record["data"]!).ShouldNotContain(user);
        ((string)record["data"]!).ShouldContain("GDPR request #77");
        record["user_name"].ShouldBe("dpo-1");

        (await db.CheckAsync()).ShouldBeClean();
        var table = await Sql.TableSnapshotAsync(db.ConnectionString, "program_enrollments");
        var rebuilt = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions { Verify = true }, cancellation: ct)).ShouldHaveSingleItem();
        (rebuilt.Switched, rebuilt.VerifyDifferences).ShouldBe((true, 0L));
        (await Sql.TableSnapshotAsync(db.ConnectionString, "program_enrollments")).ShouldBe(table);

        var again = await UserErasure.ForgetAsync(db.Store, user, "dpo-2", "repeated request", db.Clock, cancellation: ct);
        again.NothingToErase.ShouldBeTrue("idempotent: nothing names them any more");
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from mt_events where type = 'personal_data_erased.v1'")).ShouldBe(1);
    }
}
