using EventSourced.Domain.Repairs;
using EventSourced.IntegrationTests.Approvals;
using EventSourced.Projections.Integrity;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// Events the projections cannot read or apply, written straight into <c>mt_events</c> (as a bad migration or a writer of an
/// unknown version would): an unknown type, JSON a known type cannot be read from, and JSON that reads but cannot be applied.
/// Each is reported as an <see cref="UnappliedEvent"/> (sequence, stream, version, type, projection), nothing is skipped
/// silently, and the rest of the report (table drift, domain findings) is still produced, whatever the page size.
/// </summary>
public sealed class UnappliedEventsTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Unreadable_and_unappliable_events_are_reported_and_the_rest_of_the_report_is_produced()
    {
        var populated = await db.PopulateAsync("unapplied");
        var order = (Guid)(await db.RowAsync($"select order_id from program_campaigns where id = '{populated.WonCampaign}'"))["order_id"]!;
        var enrollment = populated.Enrollments[0];
        var unknown = await db.InsertUnknownTypeAsync(populated.WonCampaign);
        var unreadable = await db.InsertUnreadableOrderAsync(order);
        var unappliable = await db.InsertUnappliableEnrollmentAsync(enrollment);
        // The rest of the report: a drifted row and a domain finding.
        await Sql.ExecuteAsync(db.ConnectionString, $"update orders set amount = 1 where id = '{order}'");
        var orphan = await db.OrphanedEnrollmentAsync("unapplied-orphan");
        var storedEvents = await Sql.ScalarAsync(db.ConnectionString, "select count(*) from mt_events");

        foreach (var pageSize in new[] { 1000, 2 })
        {
            var report = await db.CheckAsync(new IntegrityCheckOptions { PageSize = pageSize });

            report.UnappliedEvents.Select(e => (e.Sequence, e.StreamId, e.Version, e.EventType, e.Table)).ShouldBe(
            [
                (unknown.Sequence, populated.WonCampaign, unknown.Version, "no_such_event.v9", null),
                (unreadable.Sequence, order, unreadable.Version, "order_created.v1", null),
                (unappliable.Sequence, enrollment, unappliable.Version, "enrollment_created.v1", "program_enrollments"),
            ], $"page size {pageSize}");
            report.UnappliedEvents.ShouldAllBe(e => !string.IsNullOrWhiteSpace(e.Error));
            report.UnappliedEvents[0].Error.ShouldContain("Unknown event type");
            report.UnappliedEvents[1].Error.ShouldContain("deserialization");
            report.UnappliedEvents[2].Error.ShouldContain("user_id");
            report.UnappliedEventCount.ShouldBe(3);
            report.CountsByKind[FindingKinds.UnappliedEvent].ShouldBe(3);
            report.EventsReplayed.ShouldBe(storedEvents - 2); // all but the two that could not be read

            var orders = report.Table("orders");
            orders.Mismatches.ShouldBe([new ColumnMismatch(order, "amount", "25000.50", "1")]);
            report.OtherTablesShouldBeClean("orders");
            report.DomainFindings.ShouldHaveSingleItem().ShouldBe(report.Finding(FindingKinds.OrphanedEnrollment, orphan.Enrollment));
        }
    }
}
