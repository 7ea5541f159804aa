using EventSourced.Operations.Repairs;
using EventSourced.Projections.Replay;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// Issue 19 §2: an <c>unapplied-event</c> names its fix, and a rebuild or check leaves a bad event out only once an operator
/// quarantined it by name, with a reason, recorded as <c>event_quarantined.v1</c> on its stream (the event stays in the log).
/// </summary>
public sealed class QuarantineTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task A_bad_event_stops_the_rebuild_until_an_operator_quarantines_it_and_the_choice_is_recorded()
    {
        var populated = await db.PopulateAsync("quarantine");
        var bad = await db.InsertUnknownTypeAsync(populated.WonCampaign);
        var ct = TestContext.Current.CancellationToken;

        var before = await db.CheckAsync();
        var unapplied = before.UnappliedEvents.ShouldHaveSingleItem();
        unapplied.Sequence.ShouldBe(bad.Sequence);
        unapplied.Fix.ShouldContain("register an upcaster from that name");
        unapplied.Fix.ShouldContain($"integrity quarantine --event {bad.Sequence} --operator <id> --reason <why>");
        var stopped = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions(), cancellation: ct)).ShouldHaveSingleItem();
        stopped.Switched.ShouldBeFalse("a rebuild never passes an unapplied event on its own");

        var outcome = await EventQuarantine.QuarantineAsync(db.Store, bad.Sequence, "ops-1", "INC-42: written by a broken deploy", db.Clock,
            cancellation: ct);
        var again = await EventQuarantine.QuarantineAsync(db.Store, bad.Sequence, "ops-2", "again", db.Clock, cancellation: ct);

        (outcome.StreamId, outcome.EventType, outcome.AlreadyQuarantined).ShouldBe((populated.WonCampaign, "no_such_event.v9", false));
        again.AlreadyQuarantined.ShouldBeTrue("idempotent: recorded once");
        var record = await Sql.QueryAsync(db.ConnectionString,
            $"select user_name, data ->> 'Reason' as reason, data ->> 'OperatorId' as operator from mt_events " +
            $"where stream_id = '{populated.WonCampaign}' and type = 'event_quarantined.v1'");
        record.ShouldHaveSingleItem();
        (record[0]["user_name"], record[0]["reason"], record[0]["operator"]).ShouldBe(("ops-1", "INC-42: written by a broken deploy", "ops-1"));
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from mt_events where seq_id = {bad.Sequence}")).ShouldBe(1,
            "the event stays in the log");

        var after = await db.CheckAsync();
        after.ShouldBeClean();
        after.QuarantinedEventsSkipped.ShouldBe(1);
        var rebuilt = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions { Verify = true }, cancellation: ct)).ShouldHaveSingleItem();
        (rebuilt.Switched, rebuilt.UnappliedEventCount, rebuilt.QuarantinedEventsSkipped, rebuilt.VerifyDifferences).ShouldBe((true, 0L, 1L, 0L));
        (await db.CheckAsync()).ShouldBeClean();
    }

    [Fact]
    public async Task Quarantining_an_event_that_does_not_exist_is_refused()
    {
        var missing = await Should.ThrowAsync<ArgumentException>(() =>
            EventQuarantine.QuarantineAsync(db.Store, long.MaxValue, "ops-1", "typo", db.Clock, cancellation: TestContext.Current.CancellationToken));

        missing.Message.ShouldStartWith($"There is no event with sequence {long.MaxValue}");
    }
}
