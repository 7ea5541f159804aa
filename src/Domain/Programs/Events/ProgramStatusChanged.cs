namespace EventSourced.Domain.Programs.Events;

/// <summary>
/// A lifecycle move, e.g. draft → active, and why, when the operator said (<paramref name="Reason"/>; "paused: the
/// partner's contract lapsed"). Stored as <c>program_status_changed.v2</c>; version 1 had no reason and is read as this
/// with none (the upcaster in EventSourced.Projections' registration): never rewritten, readable forever.
/// </summary>
public sealed record ProgramStatusChanged(Guid ProgramId, ProgramStatus From, ProgramStatus To, DateTimeOffset ChangedAt, string? Reason = null);
