using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Handlers.Messaging.Integration;
using Wolverine;
using Wolverine.RabbitMQ;
using Wolverine.RabbitMQ.Internal;

namespace EventSourced.Handlers.Messaging;

/// <summary>
/// RabbitMQ through Wolverine's transport, one call: <c>options.UseEventSourcedRabbitMq(amqpUri)</c>. Without it nothing
/// needs a broker. The external events arrive on durable queues named after the runbooks' event types, as their producers
/// publish them: plain JSON (<c>content-type: application/json</c> or none), no Wolverine headers, the same bodies
/// <c>POST /events/{source}</c> accepts. They are stored in Wolverine's durable inbox (PostgreSQL) before they are
/// acknowledged, handled by the same handler as the HTTP path (a redelivered or re-sent event enrolls once), and a message
/// that cannot be read or keeps failing goes to Wolverine's dead-letter storage in PostgreSQL, where the operator's
/// tooling lists and replays it; the queue keeps flowing behind it. Out: the integration events
/// (<see cref="IntegrationEvents"/>) on the <c>eventsourced.integration</c> topic exchange, through the durable outbox; the
/// Marten side of that is <see cref="IntegrationEvents.PublishEventSourcedIntegrationEvents"/>.
/// </summary>
public static class EventSourcedRabbitMq
{
    /// <summary>The connection string name a host reads the AMQP URI from (<c>ConnectionStrings:RabbitMq</c>).</summary>
    public const string ConnectionStringName = "RabbitMq";

    /// <summary>The inbound queues and the contract each carries.</summary>
    public static IReadOnlyDictionary<string, Type> InboundQueues { get; } = new Dictionary<string, Type>
    {
        [KintellSessionCompleted.WireName] = typeof(KintellSessionCompleted),
        [BuddyMatchCreated.WireName] = typeof(BuddyMatchCreated),
        [UpskillingCourseEnrolled.WireName] = typeof(UpskillingCourseEnrolled),
    };

    /// <summary>Messages of one queue handled at once, per node (Wolverine's MaximumParallelMessages on each listener).</summary>
    public const int DefaultParallelism = 8;

    public static WolverineOptions UseEventSourcedRabbitMq(this WolverineOptions options, string amqpUri,
        Action<RabbitMqTransportExpression>? configure = null, int parallelism = DefaultParallelism)
    {
        var rabbit = options.UseRabbitMq(new Uri(amqpUri)).AutoProvision();
        configure?.Invoke(rabbit);
        // Out: the integration events (relayed from the log by PublishEventSourcedIntegrationEvents on the Marten side).
        IntegrationEvents.RouteToExchange(options);

        foreach (var (queue, contract) in InboundQueues)
        {
            options.ListenToRabbitQueue(queue)
                .DefaultIncomingMessage(contract)
                .DefaultSerializer(MessagingJson.Web) // the producers' JSON as the HTTP endpoint reads it
                .UseDurableInbox()
                .MaximumParallelMessages(parallelism)
                // Failures go to the durable dead-letter storage (PostgreSQL), not to a broker queue: one place for the
                // operator to list, replay or discard them, whichever way the message came in.
                .DisableDeadLetterQueueing();
        }

        return options;
    }
}
