using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using EventSourced.Host.Tests.Operations;
using EventSourced.Operations.Postgres;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>
/// PostgreSQL is stopped (<c>pg_ctl stop -m fast</c>) and started again under a write load, while the host process keeps
/// running. Readiness goes unhealthy and healthy again; meanwhile writes are refused with 503 problem details (never a 500);
/// after recovery every write succeeds again without restarting the host; no acknowledged write is lost and no accepted
/// external event is lost, dead-lettered or handled twice. A burst of external events just before the stop leaves accepted
/// events in the inbox, so handlers meet the outage mid-work and must wait it out rather than give up on their messages.
/// The test owns its PostgreSQL (a throwaway cluster from the local binaries), since it stops it.
/// </summary>
public sealed class DatabaseRestartTests
{
    private const int Workers = 6;
    private const int BurstWorkers = 16;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan AfterRecovery = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_host_rides_out_a_database_restart_under_load_without_losing_acknowledged_writes()
    {
        var binaries = PostgresBinaries.Locate();
        Assert.SkipWhen(binaries is null, "needs the PostgreSQL server binaries (initdb, pg_ctl) to own and restart a cluster");
        var cancellation = TestContext.Current.CancellationToken;
        var directory = Path.Combine(Path.GetTempPath(), $"eventsourced-restart-{Guid.NewGuid():N}"[..32]);
        var cluster = await LocalPostgresCluster.StartAsync(directory, port: 0, binaries, cancellation);
        HostNode? node = null;
        try
        {
            await Sql.ExecuteAsync(cluster.ConnectionString(), "create database restart_under_load");
            var connectionString = cluster.ConnectionString("restart_under_load");
            node = HostNode.Start("node", HostNode.FreeLoopbackPorts(1)[0], connectionString);
            await node.WaitUntilReadyAsync(StartTimeout, cancellation);

            var load = new WriteLoad("restart");
            var burst = new WriteLoad("restart-burst", externalEventsOnly: true);
            using var stopLoad = new CancellationTokenSource();
            var readiness = new ConcurrentQueue<(TimeSpan At, HttpStatusCode Status)>();
            var loading = load.RunAsync(() => node!, Workers, stopLoad.Token);
            var polling = PollReadinessAsync(node, load, readiness, stopLoad.Token);

            await WaitForAsync(() => load.Replies.Count(r => r.Status == HttpStatusCode.Accepted) >= 100, TimeSpan.FromSeconds(60), "the load did not get going");
            var bursting = burst.RunAsync(() => node!, BurstWorkers, stopLoad.Token);
            long pendingAtStop;
            var filling = Stopwatch.StartNew();
            while ((pendingAtStop = (await WriteLoad.InboxAsync(connectionString)).Pending) < 20 && filling.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellation);
            }

            pendingAtStop.ShouldBeGreaterThanOrEqualTo(20, "the burst never left 20 accepted events unhandled");
            var stoppedAt = load.Now;
            await cluster.StopAsync(cancellation);
            await WaitForAsync(() => readiness.Any(r => r.At > stoppedAt && r.Status == HttpStatusCode.ServiceUnavailable), TimeSpan.FromSeconds(30),
                "/health/ready never reported the stopped database");
            await Task.Delay(Outage, cancellation);
            var restartedAt = load.Now;
            cluster = await LocalPostgresCluster.StartAsync(directory, cluster.Port, binaries, cancellation);
            Npgsql.NpgsqlConnection.ClearAllPools(); // this test's own pooled connections died with the old server
            await WaitForAsync(() => readiness.Any(r => r.At > restartedAt && r.Status == HttpStatusCode.OK), TimeSpan.FromSeconds(60),
                "/health/ready did not recover after the database came back");
            var readyAt = readiness.First(r => r.At > restartedAt && r.Status == HttpStatusCode.OK).At;
            await Task.Delay(AfterRecovery, cancellation);
            await stopLoad.CancelAsync();
            await Task.WhenAll(loading, bursting, polling);

            var replies = load.Replies.Concat(burst.Replies).ToArray();
            replies.Where(r => r.Status == HttpStatusCode.InternalServerError).ShouldBeEmpty("a database outage is a 503, never a 500");
            replies.Where(r => (int)r.Status >= 400 && r.Status != HttpStatusCode.ServiceUnavailable).ShouldBeEmpty("the load itself is valid");
            var refused = replies.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToArray();
            refused.ShouldNotBeEmpty("writes during the outage are refused");
            refused.ShouldAllBe(r => r.Body.Contains("\"title\":\"Database unavailable\"", StringComparison.Ordinal));
            refused.ShouldAllBe(r => r.Answered > stoppedAt && r.Sent < readyAt, "503 only while the database is away");
            var afterRecovery = replies.Where(r => r.Sent > readyAt).ToArray();
            afterRecovery.Length.ShouldBeGreaterThan(20);
            afterRecovery.ShouldAllBe(r => (int)r.Status < 300, "once ready again, every write succeeds without restarting the host");

            var waited = Stopwatch.StartNew();
            WriteLoad.StoreCheck check;
            WriteLoad.StoreCheck checkOfBurst;
            (long Pending, long DeadLetters) inbox;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
                check = await load.CheckStoreAsync(connectionString);
                checkOfBurst = await burst.CheckStoreAsync(connectionString);
                inbox = await WriteLoad.InboxAsync(connectionString);
            }
            while (!(check.IsComplete && checkOfBurst.IsComplete && inbox.Pending == 0) && waited.Elapsed < TimeSpan.FromSeconds(60));

            check.MissingStreams.ShouldBeEmpty("every write acknowledged with 201 is in the event store");
            check.MissingEnrollments.ShouldBeEmpty("every event accepted with 202 is handled");
            checkOfBurst.MissingEnrollments.ShouldBeEmpty("every event of the burst accepted with 202 is handled, those the outage caught mid-work too");
            check.HandledTwice.ShouldBeEmpty();
            inbox.ShouldBe((0L, 0L), "nothing left pending, nothing dead-lettered by the outage");
            var integrity = await WriteLoad.IntegrityAsync(node);
            integrity.GetProperty("isClean").GetBoolean().ShouldBeTrue(integrity.ToString());
            node.HasExited.ShouldBeFalse();

            var unready = readiness.Where(r => r.Status != HttpStatusCode.OK).ToArray();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"database stopped at {stoppedAt.TotalSeconds:F1} s, started at {restartedAt.TotalSeconds:F1} s; /health/ready 503 from " +
                $"{unready.Min(r => r.At).TotalSeconds:F1} s to {unready.Max(r => r.At).TotalSeconds:F1} s, 200 again at {readyAt.TotalSeconds:F1} s. " +
                $"Load: {load.Summary()}; burst: {burst.Summary()}; {pendingAtStop} accepted events unhandled when the database stopped; " +
                $"{load.AcknowledgedStreams.Count()} acknowledged writes and {load.AcceptedEnrollments.Count() + burst.AcceptedEnrollments.Count()} " +
                $"accepted events, none lost; {afterRecovery.Length} writes after recovery, all 2xx.");
        }
        catch
        {
            if (node is not null)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"----- {node.Name}, exited: {node.HasExited}\n{node.Output}");
            }

            throw;
        }
        finally
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }

            Npgsql.NpgsqlConnection.ClearAllPools();
            await cluster.StopAsync(CancellationToken.None);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task PollReadinessAsync(HostNode node, WriteLoad load, ConcurrentQueue<(TimeSpan, HttpStatusCode)> readiness, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var reply = await node.SendAsync(HttpMethod.Get, "/health/ready", null, CancellationToken.None);
                readiness.Enqueue((load.Now, reply.Status));
            }
            catch (HttpRequestException)
            {
                readiness.Enqueue((load.Now, 0));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.ShouldBeLessThan(timeout, what);
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }
}
