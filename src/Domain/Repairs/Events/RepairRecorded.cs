namespace EventSourced.Domain.Repairs.Events;

/// <summary>
/// The audit half of every compensating repair: who repaired which finding on this stream, and why. It is appended in
/// the same transaction as the events that do the repair, and changes no state.
/// </summary>
public sealed record RepairRecorded(Guid StreamId, string Finding, string Reason, string OperatorId, DateTimeOffset RecordedAt);
