using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

namespace EventSourced.Projections.Replay;

/// <summary>
/// Turns raw event rows into events (<see cref="ReplayedEvent"/>) with the store's own serializer and event type names, on any thread. Only the
/// names registered plainly with the store (<c>AllKnownEventTypes</c>) are decoded here; any other name (an upcast alias,
/// a type the store no longer knows) is left to Marten's own event reading, which applies the upcasters or reports it.
/// </summary>
internal sealed class EventDecoder
{
    private readonly Marten.ISerializer _serializer;
    private readonly Dictionary<string, KnownType> _known;

    public EventDecoder(IDocumentStore store, IReadOnlyList<ReadTableProjection> projections)
    {
        _serializer = store.Options.Serializer();
        _known = store.Options.Events.AllKnownEventTypes()
            .GroupBy(t => t.EventTypeName, StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .Select(g => g.Single())
            .ToDictionary(t => t.EventTypeName, t => new KnownType(t, projections.Any(p => p.Handles(t.EventType))), StringComparer.Ordinal);
    }

    /// <summary>Whether a row of this type must be deserialized: some projection handles it, or the name is not known here.</summary>
    public bool NeedsData(string typeName) => !_known.TryGetValue(typeName, out var known) || known.Handled;

    /// <summary>Whether this replay can skip events of this type: known, and no projection handles it.</summary>
    public bool Skips(string typeName) => _known.TryGetValue(typeName, out var known) && !known.Handled;

    /// <summary>The event, or null when its type name is not one this decoder knows (Marten must read it). Throws when the JSON
    /// does not deserialize.</summary>
    public IEvent? Decode(RawEvent raw)
    {
        if (!_known.TryGetValue(raw.TypeName, out var known))
        {
            return null;
        }

        using var json = new MemoryStream(raw.Data!, writable: false);
        return new ReplayedEvent(_serializer.FromJson(known.Mapping.EventType, json), known.Mapping.EventType)
        {
            Id = raw.Id,
            Sequence = raw.Sequence,
            Version = raw.Version,
            StreamId = raw.StreamId,
            TenantId = raw.TenantId,
            Timestamp = raw.Timestamp,
            EventTypeName = raw.TypeName,
            DotNetTypeName = known.Mapping.DotNetTypeName,
        };
    }

    private sealed record KnownType(IEventType Mapping, bool Handled);
}
