namespace EventSourced.Projections.History;

/// <summary>A resource's stream from its first event, in order: the "Activity" trail runbook 002 queries, read from the log itself.</summary>
public sealed record StreamHistory(Guid Id, string Resource, IReadOnlyList<HistoryEntry> Events);
