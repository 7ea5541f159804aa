using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Marten.Subscriptions;
using Wolverine.RabbitMQ;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary>
/// The integration events other systems receive, derived from the event log by a Marten subscription (Wolverine's
/// <c>PublishEventsToWolverine</c>): only committed events are ever read, each is published through Wolverine's durable
/// outbox in the transaction that records the subscription's progress, so a message leaves if and only if its events
/// committed, at least once, with the stored event's id as <c>messageId</c>. Any writer counts (handlers, endpoints,
/// repairs, the backfill): the log is the source, not the code path. On several nodes Wolverine runs the subscription on
/// one of them (its managed distribution of event subscriptions).
/// </summary>
public static class IntegrationEvents
{
    public const string Exchange = "eventsourced.integration";

    public const string SubscriptionName = "integration-events";

    /// <summary>Every integration event type with its routing key.</summary>
    public static IReadOnlyDictionary<Type, string> RoutingKeys { get; } = new Dictionary<Type, string>
    {
        [typeof(EnrollmentCreatedV1)] = EnrollmentCreatedV1.Key,
        [typeof(ApprovalRequestedV1)] = ApprovalRequestedV1.Key,
        [typeof(ApprovalDecidedV1)] = ApprovalDecidedV1.Key,
        [typeof(OrderCreatedV1)] = OrderCreatedV1.Key,
        [typeof(TemplatePublishedV1)] = TemplatePublishedV1.Key,
        [typeof(ProgramStatusChangedV1)] = ProgramStatusChangedV1.Key,
        [typeof(ApprovalStaleV1)] = ApprovalStaleV1.Key, // from the stale-approval reminders, not from this subscription
    };

    /// <summary>Marten side: the subscription that turns stored events into integration events.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression PublishEventSourcedIntegrationEvents(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.PublishEventsToWolverine(SubscriptionName, Relay);

    /// <summary>Wolverine side: each integration event to the topic exchange under its routing key, through the durable outbox.</summary>
    public static void RouteToExchange(WolverineOptions options)
    {
        foreach (var (type, key) in RoutingKeys)
        {
            options.PublishMessage(type).ToRabbitRoutingKey(Exchange, key, exchange => exchange.ExchangeType = ExchangeType.Topic)
                .UseDurableOutbox()
                .DefaultSerializer(MessagingJson.Web); // camelCase, as the API and the inbound events
        }
    }

    private static void Relay(IPublishingRelay relay)
    {
        relay.PublishEvent<EnrollmentCreated>((e, bus) => bus.PublishAsync(new EnrollmentCreatedV1(e.Id, e.StreamId, e.TenantId, e.Timestamp,
            e.Data.EnrollmentId, e.Data.UserId, e.Data.CompanyId, e.Data.ProgramType, e.Data.ProgramId, e.Data.CampaignId, e.Data.SourceSystem,
            e.Data.ExternalEventId, e.Data.OccurredAt)));
        relay.PublishEvent<ApprovalRequested>((e, bus) => bus.PublishAsync(new ApprovalRequestedV1(e.Id, e.StreamId, e.TenantId, e.Timestamp,
            e.Data.ApprovalId, e.Data.CampaignId, e.Data.ReservationId, e.Data.ProbabilityBefore, e.Data.ProbabilityAfter)));
        relay.PublishEvent<ApprovalApproved>((e, bus) => bus.PublishAsync(new ApprovalDecidedV1(e.Id, e.StreamId, e.TenantId, e.Timestamp,
            e.Data.ApprovalId, ApprovalDecidedV1.Approved, e.Data.ReviewerId, e.Data.Reason, e.Data.OrderId)));
        relay.PublishEvent<ApprovalRejected>((e, bus) => bus.PublishAsync(new ApprovalDecidedV1(e.Id, e.StreamId, e.TenantId, e.Timestamp,
            e.Data.ApprovalId, ApprovalDecidedV1.Rejected, e.Data.ReviewerId, e.Data.Reason, null)));
        relay.PublishEvent<OrderCreated>((e, bus) => bus.PublishAsync(new OrderCreatedV1(e.Id, e.StreamId, e.TenantId, e.Timestamp,
            e.Data.OrderId, e.Data.CampaignId, e.Data.ApprovalId, e.Data.ReservationId, e.Data.Seats)));
        relay.PublishEvent<TemplatePublished>((e, bus) => bus.PublishAsync(new TemplatePublishedV1(e.Id, e.StreamId, e.TenantId, e.Timestamp,
            e.Data.TemplateId)));
        relay.PublishEvent<ProgramStatusChanged>((e, bus) => bus.PublishAsync(new ProgramStatusChangedV1(e.Id, e.StreamId, e.TenantId, e.Timestamp,
            e.Data.ProgramId, Lower(e.Data.From), Lower(e.Data.To))));
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
