using Marten;

namespace EventSourced.Projections.History;

/// <summary>The history of one stream, from the event log (Marten's event metadata: user, correlation and causation ids).</summary>
public static class HistoryQueries
{
    /// <summary>The stream's events in order, or null when there is no such stream of that <paramref name="resource"/> (in the
    /// session's tenant).</summary>
    public static async Task<StreamHistory?> HistoryAsync(this IQuerySession session, HistoryResource resource, Guid id,
        CancellationToken cancellation = default)
    {
        var events = await session.Events.FetchStreamAsync(id, token: cancellation);
        if (events.Count == 0 || !resource.Starts(events[0].Data))
        {
            return null;
        }

        return new StreamHistory(id, resource.Name, [.. events.Select(e => new HistoryEntry(e.Version, e.Sequence, e.EventTypeName, e.Timestamp,
            e.UserName, e.CorrelationId, e.CausationId, EventSummaries.Of(e.Data)))]);
    }
}
