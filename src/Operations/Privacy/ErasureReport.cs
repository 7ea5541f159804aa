namespace EventSourced.Operations.Privacy;

/// <summary>What forgetting a person did. <see cref="NothingToErase"/>: no stored data named them (never known, or erased
/// already), nothing was changed or recorded.</summary>
/// <param name="ErasureId">The stream of the <c>personal_data_erased.v1</c> record; null when nothing was erased.</param>
/// <param name="EnrollmentsErased">Enrollment streams whose events were masked.</param>
/// <param name="ReadRowsUpdated">Read-table rows re-projected from the masked streams.</param>
/// <param name="MessagesDeleted">Stored Wolverine messages (dead letters, handled inbox envelopes kept for deduplication)
/// whose body named the person.</param>
public sealed record ErasureReport(Guid? ErasureId, int EnrollmentsErased, int ReadRowsUpdated, int MessagesDeleted)
{
    public bool NothingToErase => ErasureId is null;
}
