using EventSourced.Host.Tests.Messaging;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EventSourced.Domain.Enrollments;
using EventSourced.Host.Tests.Enrollments;
using EventSourced.Host.Tests.Operations;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>
/// Writes that keep a host process busy while it is being hurt: creations of templates, groups and direct enrollments (201,
/// each a new stream whose id the response names) and external events (202, each an enrollment to come, whose id derives
/// from the event id). Every answer is recorded with the moment it arrived, so a test can say which writes were
/// acknowledged and what was answered when. Requests that get no answer (the process died, the connection broke) are
/// counted, not failed: nobody was told they succeeded. <c>externalEventsOnly</c>: a burst of external events only, to
/// fill the inbox faster than it drains.
/// </summary>
internal sealed class WriteLoad(string run, bool externalEventsOnly = false)
{
    private readonly ConcurrentQueue<Reply> _replies = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _next = -1;
    private int _unanswered;

    /// <summary>Time since the load was created: the time line every reply is placed on.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyCollection<Reply> Replies => _replies;

    public int Unanswered => _unanswered;

    /// <summary>Streams created by a 201: every one must be in the event store.</summary>
    public IEnumerable<Guid> AcknowledgedStreams => _replies.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Stream);

    /// <summary>Enrollments promised by a 202: every one must be created, once.</summary>
    public IEnumerable<Guid> AcceptedEnrollments => _replies.Where(r => r.Status == HttpStatusCode.Accepted).Select(r => r.Stream);

    /// <summary>Sends writes to <paramref name="node"/> from <paramref name="workers"/> concurrent clients until
    /// <paramref name="stop"/> is cancelled (or the node stops answering for good, when <paramref name="untilUnreachable"/>).</summary>
    public Task RunAsync(Func<HostNode> node, int workers, CancellationToken stop, bool untilUnreachable = false) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(node, stop, untilUnreachable), CancellationToken.None)));

    /// <summary>One line for the test output: answers by status, unanswered requests.</summary>
    public string Summary() =>
        string.Join(", ", _replies.GroupBy(r => (int)r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")) +
        $", {_unanswered} unanswered";

    private async Task WorkAsync(Func<HostNode> node, CancellationToken stop, bool untilUnreachable)
    {
        var failuresInARow = 0;
        while (!stop.IsCancellationRequested)
        {
            var i = Interlocked.Increment(ref _next);
            var (path, body, stream) = Write(i);
            var sent = Now;
            try
            {
                var reply = await node().SendAsync(HttpMethod.Post, path, body, CancellationToken.None);
                var id = reply.Status == HttpStatusCode.Created ? reply.Id : stream;
                _replies.Enqueue(new Reply(i, path, sent, Now, reply.Status, id, reply.Body));
                failuresInARow = 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref _unanswered);
                if (untilUnreachable && ++failuresInARow >= 3)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
        }
    }

    /// <summary>The <paramref name="i"/>-th write: its path, body and (for external events) the enrollment it must create.</summary>
    private (string Path, string Body, Guid Stream) Write(int i) => (externalEventsOnly ? 2 : i % 4) switch
    {
        0 => ("/templates", TemplateRequests.Create($"{run}-template-{i}"), Guid.Empty),
        1 => ("/beneficiary-groups", $$"""{"name": "{{run}} group {{i}}", "region": "DE", "tags": ["load"]}""", Guid.Empty),
        2 => ($"/events/{SourceSystems.Kintell}",
            $$"""{"eventId": "{{run}}-event-{{i}}", "userId": "{{run}}-user-{{i}}", "programType": "load", "occurredAt": "2026-11-20T10:00:00Z"}""",
            EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, $"{run}-event-{i}")),
        _ => ("/enrollments", EnrollmentApiTests.Body(SourceSystems.Buddy, $"{run}-direct-{i}", $"{run}-direct-user-{i}", "load"), Guid.Empty),
    };

    /// <summary>One answer: which write, when it was sent and answered (on <see cref="Now"/>'s time line), and the stream it names.</summary>
    public sealed record Reply(int Index, string Path, TimeSpan Sent, TimeSpan Answered, HttpStatusCode Status, Guid Stream, string Body)
    {
        public override string ToString() => $"#{Index} POST {Path} sent {Sent.TotalSeconds:F2} s -> {(int)Status} at {Answered.TotalSeconds:F2} s: " +
            (Body.Length > 300 ? Body[..300] : Body);
    }

    /// <summary>What the store says about the acknowledged writes: streams missing, enrollments not (yet) created, streams with
    /// more than one creation event (a write handled twice).</summary>
    public async Task<StoreCheck> CheckStoreAsync(string connectionString)
    {
        var streams = (await Sql.QueryAsync(connectionString, "select id from mt_streams")).Select(r => (Guid)r["id"]!).ToHashSet();
        var enrollments = (await Sql.QueryAsync(connectionString, "select id from program_enrollments")).Select(r => (Guid)r["id"]!).ToHashSet();
        var doubled = (await Sql.QueryAsync(connectionString,
                "select stream_id from mt_events where type in ('template_created.v1', 'beneficiary_group_created.v1', 'enrollment_created.v1') " +
                "group by stream_id having count(*) > 1"))
            .Select(r => (Guid)r["stream_id"]!).ToArray();
        return new StoreCheck(
            AcknowledgedStreams.Where(s => !streams.Contains(s)).ToArray(),
            AcceptedEnrollments.Where(e => !enrollments.Contains(e)).ToArray(),
            doubled);
    }

    public sealed record StoreCheck(Guid[] MissingStreams, Guid[] MissingEnrollments, Guid[] HandledTwice)
    {
        public bool IsComplete => MissingStreams.Length == 0 && MissingEnrollments.Length == 0 && HandledTwice.Length == 0;

        public override string ToString() =>
            $"{MissingStreams.Length} acknowledged streams missing, {MissingEnrollments.Length} accepted events without their enrollment, " +
            $"{HandledTwice.Length} streams created twice";
    }

    /// <summary>The inbox and dead letters: what is still to be handled, what was given up on.</summary>
    public static async Task<(long Pending, long DeadLetters)> InboxAsync(string connectionString) =>
        (await Sql.ScalarAsync(connectionString, $"select count(*) from wolverine_incoming_envelopes where status <> 'Handled' and {Inbox.ExceptReminders}"),
            await Sql.ScalarAsync(connectionString, "select count(*) from wolverine_dead_letters"));

    /// <summary>The integrity report of a node: read tables against a replay, and the domain findings.</summary>
    public static async Task<JsonElement> IntegrityAsync(HostNode node)
    {
        var reply = await node.SendAsync(HttpMethod.Get, "/admin/integrity", null, CancellationToken.None);
        reply.Status.ShouldBe(HttpStatusCode.OK, reply.ToString());
        return reply.Json;
    }
}
