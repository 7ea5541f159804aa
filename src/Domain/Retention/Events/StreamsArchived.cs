namespace EventSourced.Domain.Retention.Events;

/// <summary>
/// The record of one archiving run (runbook 002's "clean approvals older than 90 days", without deleting anything): the
/// streams of <paramref name="Approvals"/> decided approvals (with their reservations and orders) were archived with
/// Marten's stream archiving, by <paramref name="OperatorId"/>. On a stream of its own; changes no state.
/// </summary>
public sealed record StreamsArchived(Guid ArchiveId, DateTimeOffset DecidedBefore, int Approvals, int Streams, string OperatorId, string Reason,
    DateTimeOffset ArchivedAt);
