namespace EventSourced.Domain.Privacy.Events;

/// <summary>
/// A person was forgotten (GDPR erasure): their identifying data was masked in <paramref name="EnrollmentsErased"/>
/// enrollment streams and re-projected into the read tables, by <paramref name="OperatorId"/> for <paramref name="Reason"/>.
/// The stream of its own (<paramref name="ErasureId"/>) is the record; it holds no erased data, not even a hash of it.
/// </summary>
public sealed record PersonalDataErased(Guid ErasureId, int EnrollmentsErased, int ReadRowsUpdated, int MessagesDeleted, string OperatorId,
    string Reason, DateTimeOffset ErasedAt);
