namespace EventSourced.Domain.Repairs.Events;

/// <summary>
/// An operator's decision that the stored event <paramref name="Sequence"/> of this stream (one the integrity check reports
/// as <c>unapplied-event</c>: unreadable, or no projection can apply it) is left out of every later rebuild and check. The
/// event itself stays in the log, untouched; this records who decided, when and why, on the same stream. Changes no state.
/// </summary>
public sealed record EventQuarantined(Guid StreamId, long Sequence, string EventType, string Reason, string OperatorId, DateTimeOffset QuarantinedAt);
