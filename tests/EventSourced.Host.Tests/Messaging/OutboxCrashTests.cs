using System.Net;
using EventSourced.Handlers.Messaging.Integration;
using EventSourced.Host.Tests.Operations;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;
using Wolverine.Util;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>
/// Issue 18, the outbox: a node commits, its integration events are in the outbox but the broker is unreachable, and the
/// node is killed with SIGKILL before it could send them. The next node up takes the dead node's outbox over and sends
/// them: nothing committed is lost on the way out. The broker is cut off for this class's virtual host only.
/// </summary>
public sealed class OutboxCrashTests(IsolatedDatabase db, RabbitMqServer broker) : IClassFixture<IsolatedDatabase>
{
    private const string ConsumerQueue = "outbox-crash-consumer";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly string PublishedType = typeof(TemplatePublishedV1).ToMessageTypeName();

    [Fact]
    public async Task Integration_events_committed_but_not_sent_when_the_node_is_killed_are_sent_by_the_next_node()
    {
        if (!broker.CanCutOff)
        {
            Assert.Skip($"The broker given by {RabbitMqServer.UriVariable} cannot be cut off by the tests.");
        }

        var cancellation = TestContext.Current.CancellationToken;
        var amqp = await broker.CreateVirtualHostAsync(nameof(OutboxCrashTests));
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMq"] = amqp,
            // How soon the next node treats the killed one as gone and takes its envelopes over.
            ["Wolverine__Durability__StaleNodeTimeout"] = "00:00:05",
            ["Wolverine__Durability__HealthCheckPollingTime"] = "00:00:01",
        };
        var ports = HostNode.FreeLoopbackPorts(2);
        await using var doomed = HostNode.Start("node-killed", ports[0], db.ConnectionString, settings);
        HostNode? next = null;
        try
        {
            await doomed.WaitUntilReadyAsync(StartTimeout, cancellation);
            // A consumer's durable queue, bound to the exchange the host declared: it collects whatever is sent, whenever.
            await (await IntegrationEventConsumer.BindAsync(amqp, ConsumerQueue)).DisposeAsync();

            Guid templateId;
            await broker.CutOffAsync(amqp);
            try
            {
                var key = Unique("outbox-crash");
                var created = await doomed.SendAsync(HttpMethod.Post, "/templates", TemplateRequests.Create(key), cancellation);
                created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
                templateId = created.Id;
                var published = await doomed.SendAsync(HttpMethod.Post, $"/templates/{templateId}/publish", TemplateRequests.PublishKeepingPrevious,
                    cancellation);
                published.Status.ShouldBe(HttpStatusCode.OK, published.Body);

                // Committed, relayed into the outbox by the subscription, and stuck there: the broker is gone.
                await Eventually.UntilAsync(async () => await OutgoingAsync(templateId) == 1, "template.published is in the outbox", cancellation,
                    PollTimeout);
                await doomed.KillAsync();
            }
            finally
            {
                await broker.RestoreAsync(amqp);
            }

            next = HostNode.Start("node-next", ports[1], db.ConnectionString, settings);
            await next.WaitUntilReadyAsync(StartTimeout, cancellation);
            await using var consumer = await IntegrationEventConsumer.AttachAsync(amqp, ConsumerQueue);

            var received = await consumer.UntilAsync(m => m.Key == TemplatePublishedV1.Key && m.Guid("templateId") == templateId);

            var message = received.Where(m => m.Key == TemplatePublishedV1.Key && m.Guid("templateId") == templateId).ShouldHaveSingleItem();
            (await Sql.ScalarAsync(db.ConnectionString,
                    $"select count(*) from mt_events where id = '{message.Guid("messageId")}' and type = 'template_published.v1' and stream_id = '{templateId}'"))
                .ShouldBe(1, "the message id is the stored event's");
            await Eventually.UntilAsync(async () => await OutgoingAsync(templateId) == 0, "the outbox emptied", cancellation, PollTimeout);
        }
        catch
        {
            foreach (var node in new[] { doomed, next }.OfType<HostNode>())
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"----- {node.Name} ({node.Address}), exited: {node.HasExited}\n{node.Output}");
            }

            throw;
        }
        finally
        {
            if (next is not null)
            {
                await next.DisposeAsync();
            }
        }
    }

    private Task<long> OutgoingAsync(Guid templateId) =>
        Sql.ScalarAsync(db.ConnectionString, "select count(*) from wolverine_outgoing_envelopes " +
            $"where message_type = '{PublishedType}' and position(convert_to('{templateId}', 'UTF8') in body) > 0");
}
