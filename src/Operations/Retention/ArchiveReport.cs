namespace EventSourced.Operations.Retention;

/// <summary>What an archiving run did (or, dry, would do): the approvals and every stream archived with them, the read rows
/// that left the tables, and the record of the run (null when dry or when there was nothing to archive).</summary>
public sealed record ArchiveReport(bool DryRun, IReadOnlyList<Guid> Approvals, IReadOnlyList<Guid> Streams, int RowsRemoved, Guid? ArchiveId);
