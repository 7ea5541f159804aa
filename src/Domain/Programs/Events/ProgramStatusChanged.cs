namespace EventSourced.Domain.Programs.Events;

/// <summary>A lifecycle move, e.g. draft → active.</summary>
public sealed record ProgramStatusChanged(Guid ProgramId, ProgramStatus From, ProgramStatus To, DateTimeOffset ChangedAt);
