using EventSourced.IntegrationTests.Approvals;
using EventSourced.IntegrationTests.Integrity;
using EventSourced.Operations.Retention;
using EventSourced.Projections.History;
using EventSourced.Projections.Replay;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Retention;

/// <summary>
/// Issue 19 §3: decided approvals older than a date are archived with their reservations and orders (Marten's stream
/// archiving), dry run first; their rows leave the read tables, a rebuild does not bring them back, the check stays clean,
/// their history stays readable, and a second run finds nothing.
/// </summary>
public sealed class ApprovalArchiveTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Decided_approvals_are_archived_with_their_reservation_and_order_and_stay_out_of_rebuilds()
    {
        var ct = TestContext.Current.CancellationToken;
        var populated = await db.PopulateAsync("archive");
        var won = await db.RowAsync($"select approval_request_id, order_id from program_campaigns where id = '{populated.WonCampaign}'");
        var approvalsBefore = await Sql.ScalarAsync(db.ConnectionString, "select count(*) from campaign_approvals");
        var events = await Sql.EventCountAsync(db.ConnectionString);
        var cutoff = db.Clock.GetUtcNow().AddDays(1);

        var plan = await ApprovalArchive.ArchiveAsync(db.Store, cutoff, "ops-1", "retention: 90 days", db.Clock, dryRun: true, cancellation: ct);

        plan.Approvals.Count.ShouldBe(2, "the approved and the rejected one; the pending one stays");
        plan.Streams.Count.ShouldBe(5, "two approvals, two reservations, one order");
        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(events, "a dry run changes nothing");
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from mt_streams where is_archived")).ShouldBe(0);

        var run = await ApprovalArchive.ArchiveAsync(db.Store, cutoff, "ops-1", "retention: 90 days", db.Clock, cancellation: ct);

        run.Approvals.ShouldBe(plan.Approvals, ignoreOrder: true);
        run.RowsRemoved.ShouldBe(5);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from mt_streams where is_archived")).ShouldBe(5);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from campaign_approvals")).ShouldBe(approvalsBefore - 2);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from campaign_approvals where status = 'pending'")).ShouldBe(1);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from orders")).ShouldBe(0);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from inventory_reservations where status <> 'reserved'")).ShouldBe(0);
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from program_campaigns where id = '{populated.WonCampaign}'")).ShouldBe(1,
            "the campaign keeps its row");
        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(events + 1, "nothing deleted; one record of the run");
        (await db.RowAsync($"select user_name from mt_events where stream_id = '{run.ArchiveId}'"))["user_name"].ShouldBe("ops-1");

        (await db.CheckAsync()).ShouldBeClean();
        var tables = await Task.WhenAll(new[] { "campaign_approvals", "inventory_reservations", "orders" }.Select(t => Sql.TableSnapshotAsync(db.ConnectionString, t)));
        var rebuilt = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions { Verify = true }, cancellation: ct)).ShouldHaveSingleItem();
        (rebuilt.Switched, rebuilt.VerifyDifferences).ShouldBe((true, 0L));
        (await Task.WhenAll(new[] { "campaign_approvals", "inventory_reservations", "orders" }.Select(t => Sql.TableSnapshotAsync(db.ConnectionString, t))))
            .ShouldBe(tables, "a rebuild neither resurrects nor drops them");

        // The audit trail of an archived approval is still readable.
        await using (var query = db.Store.QuerySession())
        {
            var history = await query.HistoryAsync(HistoryResource.Approval, (Guid)won["approval_request_id"]!, ct);
            history.ShouldNotBeNull().Events.Select(e => e.Type).ShouldBe(["approval_requested.v1", "approval_approved.v1"]);
        }

        var again = await ApprovalArchive.ArchiveAsync(db.Store, cutoff, "ops-1", "again", db.Clock, cancellation: ct);
        (again.Approvals.Count, again.ArchiveId).ShouldBe((0, null));
    }
}
