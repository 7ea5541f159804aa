using JasperFx.Events;
using Marten;

namespace EventSourced.Projections.Integrity;

/// <summary>The events of some streams, through Marten's own reading, in sequence order (for the targeted repair, which
/// re-applies them inline in one transaction).</summary>
internal static class StreamEvents
{
    public static async Task<IReadOnlyList<IEvent>> ReadAsync(IQuerySession session, IReadOnlyCollection<Guid> streamIds, CancellationToken cancellation)
    {
        var ids = streamIds.ToArray();
        return await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamId)).OrderBy(e => e.Sequence).ToListAsync(cancellation);
    }
}
