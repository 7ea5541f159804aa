namespace EventSourced.Projections.History;

/// <summary>One stored event of a stream, as the audit trail shows it: what, when, by whom, in which request, and why.</summary>
/// <param name="Type">The stored event name (e.g. <c>approval_approved.v1</c>).</param>
/// <param name="User">Who made the change: the token's subject, <c>system:&lt;source&gt;</c> for an external event, a repair's
/// operator; null for a write made without one (loopback without authentication, or before issue 19).</param>
/// <param name="CorrelationId">The request's <c>X-Correlation-Id</c> (or the one it was given), shared by everything it caused.</param>
/// <param name="CausationId">The message whose handling appended the event, when it came through one.</param>
public sealed record HistoryEntry(long Version, long Sequence, string Type, DateTimeOffset RecordedAt, string? User, string? CorrelationId,
    string? CausationId, string Summary);
