using System.Diagnostics;
using System.Net;
using EventSourced.Host.Tests.Operations;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>
/// The host process is killed with SIGKILL in the middle of a write load and started again on the same database. Every write
/// it acknowledged (201) is in the event store, every external event it accepted (202) is handled once (the inbox work the
/// dead process owned is taken over), nothing is dead-lettered, and the read tables equal a replay of the streams.
/// </summary>
public sealed class HostCrashTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    private const int Workers = 8;
    private const int BurstWorkers = 16;

    // How soon the restarted node treats the killed one as gone and takes over what it owned. Wolverine's defaults (a minute
    // of silence, heartbeats every 10 s) suit production; the test shortens them through the host's configuration.
    private static readonly Dictionary<string, string> FastTakeOver = new()
    {
        ["Wolverine__Durability__StaleNodeTimeout"] = "00:00:05",
        ["Wolverine__Durability__HealthCheckPollingTime"] = "00:00:01",
    };

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_host_killed_under_load_loses_no_acknowledged_write_and_finishes_the_accepted_events_once_after_a_restart()
    {
        var port = HostNode.FreeLoopbackPorts(1)[0];
        var load = new WriteLoad("crash");
        var burst = new WriteLoad("crash-burst", externalEventsOnly: true);
        var first = HostNode.Start("node-before-crash", port, db.ConnectionString, FastTakeOver);
        HostNode? second = null;
        try
        {
            await first.WaitUntilReadyAsync(StartTimeout, TestContext.Current.CancellationToken);

            // Load until well into the run; then a burst of external events, so the inbox holds accepted work not yet handled;
            // then the kill: requests in flight at that moment get no answer.
            using var stopLoad = new CancellationTokenSource();
            var loading = load.RunAsync(() => first, Workers, stopLoad.Token, untilUnreachable: true);
            await WaitForAsync(() => Task.FromResult(load.Replies.Count(r => r.Status == HttpStatusCode.Accepted) >= 100), "the load did not get going");
            var loading2 = burst.RunAsync(() => first, BurstWorkers, stopLoad.Token, untilUnreachable: true);
            await WaitForAsync(async () => (await WriteLoad.InboxAsync(db.ConnectionString)).Pending >= 20, "the inbox never held 20 unhandled events");
            var killedAt = load.Now;
            await first.KillAsync();
            await Task.WhenAll(loading, loading2);
            var beforeCrash = load.Replies.Concat(burst.Replies).ToArray();
            var pendingAtCrash = (await WriteLoad.InboxAsync(db.ConnectionString)).Pending;

            second = HostNode.Start("node-after-crash", port, db.ConnectionString, FastTakeOver);
            await second.WaitUntilReadyAsync(StartTimeout, TestContext.Current.CancellationToken);
            var restartedAt = load.Now;

            // Every answer before the kill was a success: the load itself is valid.
            beforeCrash.Where(r => (int)r.Status >= 300).ShouldBeEmpty();

            pendingAtCrash.ShouldBeGreaterThan(0, "the kill left accepted events unhandled");

            var recovery = Stopwatch.StartNew();
            WriteLoad.StoreCheck check, checkOfBurst;
            (long Pending, long DeadLetters) inbox;
            while (true)
            {
                check = await load.CheckStoreAsync(db.ConnectionString);
                checkOfBurst = await burst.CheckStoreAsync(db.ConnectionString);
                inbox = await WriteLoad.InboxAsync(db.ConnectionString);
                if ((check.IsComplete && checkOfBurst.IsComplete && inbox.Pending == 0) || recovery.Elapsed > RecoveryTimeout)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
            }

            var handledAfter = recovery.Elapsed;
            foreach (var c in new[] { check, checkOfBurst })
            {
                c.MissingStreams.ShouldBeEmpty("every write acknowledged with 201 is in the event store");
                c.MissingEnrollments.ShouldBeEmpty($"every event accepted with 202 is handled after the restart (within {RecoveryTimeout})");
                c.HandledTwice.ShouldBeEmpty("no write or event is handled twice");
            }

            inbox.ShouldBe((0L, 0L), "nothing left pending in the inbox, nothing dead-lettered");

            var integrity = await WriteLoad.IntegrityAsync(second);
            integrity.GetProperty("isClean").GetBoolean().ShouldBeTrue(integrity.ToString());

            var (writes, events) = (load.AcknowledgedStreams.Count(), load.AcceptedEnrollments.Count() + burst.AcceptedEnrollments.Count());
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"killed at {killedAt.TotalSeconds:F1} s with {pendingAtCrash} accepted events not yet handled; restarted and ready " +
                $"{(restartedAt - killedAt).TotalSeconds:F1} s later; all accepted events handled {handledAfter.TotalSeconds:F1} s after that. " +
                $"Load: {load.Summary()}; burst of external events: {burst.Summary()}; {writes} acknowledged writes and {events} accepted " +
                "events, none lost, none handled twice.");
        }
        catch
        {
            foreach (var node in new[] { first, second }.OfType<HostNode>())
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"----- {node.Name}, exited: {node.HasExited}\n{node.Output}");
            }

            throw;
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    private static Task WaitForAsync(Func<Task<bool>> condition, string what) =>
        Eventually.UntilAsync(condition, what, TestContext.Current.CancellationToken, TimeSpan.FromSeconds(60));
}
