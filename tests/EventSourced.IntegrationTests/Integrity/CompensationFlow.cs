using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Operations.Repairs;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// The flow for one repairable domain finding, as one call: the check reports it (kind and stream) and nothing else; a
/// dry run shows the events it would append and appends nothing; the repair appends them, a <c>RepairRecorded</c> with the
/// operator and the reason among them; the check afterwards is clean; a second repair appends nothing.
/// </summary>
internal static class CompensationFlow
{
    public const string OperatorId = "ops-7";
    public const string Reason = "INC-4711: compensating an old writer's bug";
    public const string RepairRecordedType = "repair_recorded.v1";

    /// <summary>The stored names (part of the storage format) of the events a compensation appends.</summary>
    private static readonly Dictionary<Type, string> StoredNames = new()
    {
        [typeof(EnrollmentUnlinked)] = "enrollment_unlinked.v1",
        [typeof(ApprovalRequested)] = "approval_requested.v1",
        [typeof(InventoryReserved)] = "inventory_reserved.v1",
        [typeof(CampaignApprovalRequested)] = "campaign_approval_requested.v1",
        [typeof(ReservationReleased)] = "inventory_reservation_released.v1",
        [typeof(OrderCreated)] = "order_created.v1",
        [typeof(ReservationConverted)] = "inventory_reservation_converted.v1",
        [typeof(CampaignWon)] = "campaign_won.v1",
        [typeof(RepairRecorded)] = RepairRecordedType,
    };

    /// <param name="kind">The finding kind expected on <paramref name="streamId"/>, and the only finding in the store.</param>
    /// <param name="events">The compensating events, in the order the decision returns them (RepairRecorded last).</param>
    /// <returns>The real repair's outcome, for the caller's own checks of the events and the read tables.</returns>
    public static async Task<RepairOutcome> ShouldCompensateAsync(this MartenDatabase db, string kind, Guid streamId, params Type[] events)
    {
        // Reported: kind and stream, and nothing else in the store.
        var report = await db.CheckAsync();
        report.Finding(kind, streamId);
        report.ShouldOnlyCount(kind);

        // Dry run: the events it would append, nothing appended, no read table touched.
        var eventCount = await db.EventCountAsync();
        var tables = await db.ReadTablesSnapshotAsync();
        var dryRun = await db.RepairAsync(new RepairOptions { OperatorId = OperatorId, Reason = Reason, DryRun = true });

        dryRun.DryRun.ShouldBeTrue();
        dryRun.After.ShouldBeNull();
        dryRun.Reprojected.ShouldBeEmpty();
        dryRun.Before.Finding(kind, streamId);
        var planned = dryRun.Compensations.ShouldHaveSingleItem();
        planned.ShouldSatisfyAllConditions(
            () => planned.Finding.ShouldBe(kind),
            () => planned.StreamId.ShouldBe(streamId),
            () => planned.Error.ShouldBeNull(),
            () => planned.Applied.ShouldBeFalse(),
            () => planned.Events.Select(e => e.GetType()).ShouldBe(events));
        ShouldRecord(planned, kind, streamId);
        dryRun.EventCount.ShouldBe(events.Length);
        (await db.EventCountAsync()).ShouldBe(eventCount);
        await db.ShouldHaveReadTablesAsync(tables);

        // The repair: the same events, appended and stored under their names.
        var lastSequence = await Sql.ScalarAsync(db.ConnectionString, "select max(seq_id) from mt_events");
        var repair = await db.RepairAsync(new RepairOptions { OperatorId = OperatorId, Reason = Reason });

        var outcome = repair.Compensations.ShouldHaveSingleItem();
        outcome.ShouldSatisfyAllConditions(
            () => outcome.Finding.ShouldBe(kind),
            () => outcome.StreamId.ShouldBe(streamId),
            () => outcome.Error.ShouldBeNull(),
            () => outcome.Applied.ShouldBeTrue(),
            () => outcome.Events.Select(e => e.GetType()).ShouldBe(events));
        ShouldRecord(outcome, kind, streamId);
        repair.Reprojected.ShouldBeEmpty();
        (await db.EventCountAsync()).ShouldBe(eventCount + events.Length);
        var appended = await Sql.QueryAsync(db.ConnectionString,
            $"select type, stream_id, data->>'OperatorId' as operator_id, data->>'Reason' as reason, data->>'Finding' as finding, " +
            $"data->>'StreamId' as recorded_stream from mt_events where seq_id > {lastSequence} order by seq_id");
        appended.Select(e => (string)e["type"]!).ShouldBe(events.Select(e => StoredNames[e]), ignoreOrder: true);
        var recorded = appended.Where(e => (string)e["type"]! == RepairRecordedType).ShouldHaveSingleItem();
        recorded.ShouldSatisfyAllConditions(
            () => recorded["stream_id"].ShouldBe(streamId),
            () => recorded["operator_id"].ShouldBe(OperatorId),
            () => recorded["reason"].ShouldBe(Reason),
            () => recorded["finding"].ShouldBe(kind),
            () => recorded["recorded_stream"].ShouldBe(streamId.ToString()));

        // Proven by the check the repair runs afterwards: clean, this kind included.
        repair.After.ShouldNotBeNull().ShouldBeClean();

        // A second repair finds nothing to do.
        var again = await db.RepairAsync(new RepairOptions { OperatorId = OperatorId, Reason = Reason });
        again.Before.ShouldBeClean();
        again.Compensations.ShouldBeEmpty();
        again.Reprojected.ShouldBeEmpty();
        again.EventCount.ShouldBe(0);
        (await db.EventCountAsync()).ShouldBe(eventCount + events.Length);
        return outcome;
    }

    private static void ShouldRecord(RepairOutcome outcome, string kind, Guid streamId)
    {
        var recorded = outcome.Events.OfType<RepairRecorded>().ShouldHaveSingleItem();
        recorded.ShouldSatisfyAllConditions(
            () => recorded.StreamId.ShouldBe(streamId),
            () => recorded.Finding.ShouldBe(kind),
            () => recorded.OperatorId.ShouldBe(OperatorId),
            () => recorded.Reason.ShouldBe(Reason));
    }
}
