using EventSourced.IntegrationTests.Approvals;
using EventSourced.Operations.Repairs;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// The targeted repair when a drifted row's stream holds an event the projections cannot read or apply (which the check
/// reports as an unapplied event, carrying on). One such stream must not abort the whole repair: the other drifted rows are
/// re-projected, the bad stream's row is left as it was and reported as failed (with the reason), the bad event is still
/// reported afterwards, and no row is claimed re-projected that is still drifted.
/// One class (one database) per kind of bad event, so the cases cannot disturb one another.
/// </summary>
public abstract class RepairPastUnappliedEventsTests(MartenDatabase db, string badEvent)
{
    [Fact]
    public async Task A_stream_with_a_bad_event_does_not_stop_the_repair_of_other_rows()
    {
        var populated = await db.PopulateAsync("bad");
        var order = (Guid)(await db.RowAsync($"select order_id from program_campaigns where id = '{populated.WonCampaign}'"))["order_id"]!;
        var (badStream, badTable) = badEvent switch
        {
            BadEvents.UnknownType => (populated.WonCampaign, "program_campaigns"),
            BadEvents.UnreadableJson => (order, "orders"),
            _ => (populated.Enrollments[0], "program_enrollments"),
        };
        var bad = badEvent switch
        {
            BadEvents.UnknownType => await db.InsertUnknownTypeAsync(badStream),
            BadEvents.UnreadableJson => await db.InsertUnreadableOrderAsync(badStream),
            _ => await db.InsertUnappliableEnrollmentAsync(badStream),
        };

        // Drift on the stream with the bad event, and on a healthy one.
        await Sql.ExecuteAsync(db.ConnectionString, $"update {badTable} set created_at = created_at - interval '1 day' where id = '{badStream}'");
        var healthy = populated.Enrollments[1];
        await Sql.ExecuteAsync(db.ConnectionString, $"update program_enrollments set status = 'withdrawn' where id = '{healthy}'");
        var before = await db.CheckAsync();
        before.Table(badTable).Mismatches.Select(m => (m.Id, m.Column)).ShouldContain((badStream, "created_at"));
        before.Table("program_enrollments").Mismatches.Select(m => (m.Id, m.Column)).ShouldContain((healthy, "status"));
        before.UnappliedEvents.Select(e => e.Sequence).ShouldBe([bad.Sequence]);

        var repair = await db.RepairAsync(new RepairOptions { OperatorId = "ops-1", Reason = $"drift past {badEvent}" });

        (await db.RowAsync($"select status from program_enrollments where id = '{healthy}'"))["status"].ShouldBe("active");
        var after = repair.After.ShouldNotBeNull();
        after.Table("program_enrollments").DriftedRows.ShouldNotContain(healthy);
        after.UnappliedEvents.Select(e => e.Sequence).ShouldBe([bad.Sequence]);
        repair.Reprojected.ShouldContain(r => r.Table == badTable && r.StreamId == badStream && r.Action.StartsWith("failed: "));
        foreach (var row in repair.Reprojected.Where(r => !r.Action.StartsWith("failed: ")))
        {
            after.Table(row.Table).DriftedRows.ShouldNotContain(row.StreamId, $"{row.Table} {row.StreamId} was {row.Action}");
        }
    }
}

public sealed class RepairPastUnknownEventTypeTests(MartenDatabase db)
    : RepairPastUnappliedEventsTests(db, BadEvents.UnknownType), IClassFixture<MartenDatabase>;

public sealed class RepairPastUnreadableEventTests(MartenDatabase db)
    : RepairPastUnappliedEventsTests(db, BadEvents.UnreadableJson), IClassFixture<MartenDatabase>;

public sealed class RepairPastUnappliableEventTests(MartenDatabase db)
    : RepairPastUnappliedEventsTests(db, BadEvents.UnappliableJson), IClassFixture<MartenDatabase>;
