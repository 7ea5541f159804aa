using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Host.Tests.Operations;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>
/// Issue 18, several nodes: two host processes consume the same broker queue (competing consumers, each storing what it
/// receives in Wolverine's durable inbox before acknowledging it); one is killed with SIGKILL mid-stream. The survivor
/// gets the broker's unacknowledged deliveries again and takes over the dead node's stored ones: every published event is
/// enrolled, none twice, nothing is dead-lettered or left in the inbox.
/// </summary>
public sealed class BrokerMultiNodeTests(IsolatedDatabase db, RabbitMqServer broker) : IClassFixture<IsolatedDatabase>
{
    private const int EventCount = 400;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_node_killed_mid_stream_loses_no_message_and_none_is_handled_twice()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var amqp = await broker.CreateVirtualHostAsync(nameof(BrokerMultiNodeTests));
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMq"] = amqp,
            // How soon the survivor treats the killed node as gone and takes over its inbox (Wolverine's defaults suit production).
            ["Wolverine__Durability__StaleNodeTimeout"] = "00:00:05",
            ["Wolverine__Durability__HealthCheckPollingTime"] = "00:00:01",
        };
        var ports = HostNode.FreeLoopbackPorts(2);
        await using var doomed = HostNode.Start("node-killed", ports[0], db.ConnectionString, settings);
        await using var survivor = HostNode.Start("node-survivor", ports[1], db.ConnectionString, settings);
        HostNode[] nodes = [doomed, survivor];
        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitUntilReadyAsync(StartTimeout, cancellation)));

            // No program of these types exists: every event makes a legacy enrollment, which is all this test is about.
            var eventIds = Enumerable.Range(0, EventCount).Select(i => $"multinode-broker-{i:D4}").ToArray();
            await PlainJsonProducer.PublishAsync(amqp, KintellSessionCompleted.WireName, [.. eventIds.Select(id =>
                $$"""{"eventId": "{{id}}", "userId": "user-{{id}}", "programType": "multinode-type", "occurredAt": "2026-11-20T10:00:00Z"}""")]);

            // Mid-stream: some handled, most not yet.
            await Eventually.UntilAsync(async () => await EnrolledAsync() >= 20, "the nodes started handling", cancellation, SettleTimeout);
            await doomed.KillAsync();
            var enrolledAtKill = await EnrolledAsync();
            enrolledAtKill.ShouldBeLessThan(EventCount, "the kill came after everything was handled: nothing was tested");

            await Eventually.UntilAsync(async () => await EnrolledAsync() == EventCount && await UnhandledAsync() == 0,
                "every event enrolled and the inbox drained", cancellation, SettleTimeout);

            (await Sql.QueryAsync(db.ConnectionString,
                    "select external_event_id from program_enrollments where source_system = 'kintell'"))
                .Select(r => (string)r["external_event_id"]!).ShouldBe(eventIds, ignoreOrder: true);
            // None handled twice: each enrollment stream holds exactly its one creation event.
            (await Sql.ScalarAsync(db.ConnectionString,
                "select count(*) from (select stream_id from mt_events where type like 'enrollment%' group by stream_id having count(*) <> 1) s"))
                .ShouldBe(0);
            (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from mt_events where type like 'enrollment%'")).ShouldBe(EventCount);
            (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from wolverine_dead_letters")).ShouldBe(0);
            foreach (var id in eventIds.Take(3))
            {
                (await Sql.ScalarAsync(db.ConnectionString,
                    $"select count(*) from program_enrollments where id = '{EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, id)}'")).ShouldBe(1);
            }
        }
        catch
        {
            foreach (var node in nodes)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"----- {node.Name} ({node.Address}), exited: {node.HasExited}\n{node.Output}");
            }

            throw;
        }
    }

    private Task<long> EnrolledAsync() =>
        Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_enrollments where source_system = 'kintell'");

    private Task<long> UnhandledAsync() =>
        Sql.ScalarAsync(db.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where status <> 'Handled' and {Inbox.ExceptReminders}");
}
