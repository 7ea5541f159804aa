namespace EventSourced.Handlers.Messaging.Integration;

/// <summary>
/// What every integration event carries: <c>messageId</c>, the id of the stored event it reports (stable: a message sent
/// again after a crash carries the same id, so consumers deduplicate on it), the stream it happened on, the tenant and the
/// time it was recorded. Integration events are the service's public contract for other systems: versioned like the stored
/// events (the wire name's <c>.v1</c>), never changed in place; a new version is a new record.
/// </summary>
public interface IIntegrationEvent
{
    Guid MessageId { get; }

    Guid StreamId { get; }

    string TenantId { get; }

    DateTimeOffset RecordedAt { get; }

    /// <summary>The routing key on the <c>eventsourced.integration</c> topic exchange.</summary>
    string RoutingKey { get; }
}
