using Marten;
using Marten.Events.Archiving;

namespace EventSourced.Projections.History;

/// <summary>The history of one stream, from the event log (Marten's event metadata: user, correlation and causation ids), archived or not.</summary>
public static class HistoryQueries
{
    /// <summary>The stream's events in order, or null when there is no such stream of that <paramref name="resource"/> (in the
    /// session's tenant).</summary>
    public static async Task<StreamHistory?> HistoryAsync(this IQuerySession session, HistoryResource resource, Guid id,
        CancellationToken cancellation = default)
    {
        // Archived streams too (retention archives decided approvals): their history stays the audit trail.
        var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId == id && e.MaybeArchived()).OrderBy(e => e.Version)
            .ToListAsync(cancellation);
        if (events.Count == 0 || !resource.Starts(events[0].Data))
        {
            return null;
        }

        return new StreamHistory(id, resource.Name, [.. events.Select(e => new HistoryEntry(e.Version, e.Sequence, e.EventTypeName, e.Timestamp,
            e.UserName, e.CorrelationId, e.CausationId, EventSummaries.Of(e.Data)))]);
    }
}
