namespace EventSourced.Projections.Replay;

/// <summary>
/// One row of <c>mt_events</c> as read, before deserialization: the replay reads rows on one thread and decodes them on
/// others. <see cref="Data"/> is the JSON (UTF-8) of the event, or null when no projection of the replay handles its type
/// (such events are counted, never deserialized).
/// </summary>
internal sealed record RawEvent(string TenantId, Guid StreamId, long Version, long Sequence, string TypeName, DateTimeOffset Timestamp, Guid Id,
    byte[]? Data);
