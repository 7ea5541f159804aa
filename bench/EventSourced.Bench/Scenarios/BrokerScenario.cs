using System.Diagnostics;
using System.Text;
using EventSourced.Bench.Measuring;
using EventSourced.Bench.Reporting;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Handlers.Messaging;
using Npgsql;
using RabbitMQ.Client;

namespace EventSourced.Bench.Scenarios;

/// <summary>
/// 5. External events from the broker: plain-JSON events published to the <c>kintell.session.completed</c> queue, consumed by
/// the host's listener (durable inbox, <see cref="EventSourcedRabbitMq.DefaultParallelism"/> at once), against the same
/// events invoked in process with as many workers (IMessageBus.InvokeAsync: the same handler, no broker, no inbox).
/// Throughput of each, and the latency from publish to the enrollment's row (the row's created_at, stamped by the handler,
/// minus the publish time).
/// </summary>
public static class BrokerScenario
{
    private const string Section = "5. Broker";
    private static int _runs;

    public static async Task RunAsync(BenchContext context, string amqpUri)
    {
        var events = await context.EventCountAsync();
        var count = context.Options.Ops;
        var run = Interlocked.Increment(ref _runs);
        var workers = EventSourcedRabbitMq.DefaultParallelism;

        // Warm-up: the handler's code is compiled and the connections opened before anything is timed.
        await FromQueueAsync(context, amqpUri, $"warm-{run}", Math.Max(count / 10, 50));
        await LoadRunner.RunAsync(new Measurement("warm-up"), Math.Max(count / 10, 50), workers, 0,
            async i => { await context.Host.Bus.InvokeAsync(Event($"inproc-warm-{run}", i)); return true; });

        var inProcess = new Measurement("in process (IMessageBus.InvokeAsync)");
        await LoadRunner.RunAsync(inProcess, count, workers, 0, async i => { await context.Host.Bus.InvokeAsync(Event($"inproc-{run}", i)); return true; });
        var (elapsed, burst) = await FromQueueAsync(context, amqpUri, $"queue-{run}", count);
        // Latency without a backlog: a steady half of the in-process throughput, so each event meets an idle consumer.
        var rate = Math.Max(inProcess.PerSecond / 2, 10);
        var (_, steady) = await FromQueueAsync(context, amqpUri, $"steady-{run}", Math.Min(count, (int)(rate * 10)), rate);

        var perSecond = count / elapsed.TotalSeconds;
        var ratio = perSecond / inProcess.PerSecond;
        context.Results.Add(new ResultRow(Section, events, $"kintell events from the queue, {workers} at once: enrollments/s",
            $"{perSecond:N0}/s ({count} in {elapsed.TotalSeconds:F1} s)", $"{inProcess.Name}, {workers} workers: {inProcess.PerSecond:N0}/s", ratio,
            "≥ 0.7× throughput", ratio >= 0.7));
        context.Results.Add(new ResultRow(Section, events, $"publish → enrollment row latency at a steady {rate:N0}/s",
            $"p50 {steady.P50:F0} ms, p99 {steady.P99:F0} ms, max {steady.Max:F0} ms", "(no baseline)", null, "reported", null));
        context.Results.Add(new ResultRow(Section, events, $"publish → enrollment row latency, {count} published at once",
            $"p50 {burst.P50:F0} ms, p99 {burst.P99:F0} ms (the backlog's wait)", "(no baseline)", null, "reported", null));
        context.Results.Note($"broker: {count} events published at once to the queue, handled {workers} at a time; the in-process run invokes the same " +
            $"contract with {workers} workers; this process {inProcess.ProcessCpu.TotalMilliseconds / inProcess.Count:F2} ms CPU per in-process op");
    }

    private static KintellSessionCompleted Event(string prefix, int i) =>
        new($"bench-{prefix}-{i}", $"bench-user-{prefix}-{i}", null, "mentorship", DateTimeOffset.UtcNow, $"s-{i}", 60, "mentor-1");

    /// <summary>Publishes <paramref name="count"/> events (publisher confirms): at once, or <paramref name="perSecond"/> paced; then
    /// waits until every one is a row.</summary>
    private static async Task<(TimeSpan Elapsed, LatencySummary Latency)> FromQueueAsync(BenchContext context, string amqpUri, string prefix, int count,
        double? perSecond = null)
    {
        var published = new Dictionary<string, DateTimeOffset>(count);
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true));
        var clock = Stopwatch.StartNew();
        var sends = new List<ValueTask>(count);
        for (var i = 0; i < count; i++)
        {
            if (perSecond is { } pace && clock.Elapsed < TimeSpan.FromSeconds(i / pace))
            {
                await Task.Delay(TimeSpan.FromSeconds(i / pace) - clock.Elapsed);
            }

            var eventId = $"bench-{prefix}-{i}";
            published[eventId] = DateTimeOffset.UtcNow;
            var body = $$"""{"eventId": "{{eventId}}", "userId": "bench-user-{{prefix}}-{{i}}", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""";
            sends.Add(channel.BasicPublishAsync(string.Empty, KintellSessionCompleted.WireName, mandatory: true,
                new BasicProperties { ContentType = "application/json", Persistent = true }, Encoding.UTF8.GetBytes(body)));
        }

        foreach (var send in sends)
        {
            await send;
        }

        var like = $"bench-{prefix}-%";
        var deadline = Stopwatch.StartNew();
        while (await context.ScalarAsync($"select count(*) from program_enrollments where external_event_id like '{like}'") < count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{prefix}: not every event was enrolled within 10 minutes");
            }

            await Task.Delay(20);
        }

        var elapsed = clock.Elapsed;
        var latencies = new LatencyRecorder();
        await using var db = new NpgsqlConnection(context.Database.ConnectionString);
        await db.OpenAsync();
        await using var read = new NpgsqlCommand("select external_event_id, created_at from program_enrollments where external_event_id like $1", db);
        read.Parameters.Add(new NpgsqlParameter { Value = like });
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            latencies.Record(reader.GetFieldValue<DateTimeOffset>(1) - published[reader.GetString(0)]);
        }

        return (elapsed, latencies.Summarize());
    }
}
