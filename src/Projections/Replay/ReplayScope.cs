namespace EventSourced.Projections.Replay;

/// <summary>Which streams a replay folds: all of them, some named ones, or those that received an event after a sequence.</summary>
public sealed record ReplayScope
{
    private ReplayScope(IReadOnlyCollection<(string TenantId, Guid Id)>? streams, IReadOnlyCollection<Guid>? ids, long? afterSequence)
    {
        Streams = streams;
        Ids = ids;
        AfterSequence = afterSequence;
    }

    /// <summary>Every stream (of the replay's tenant, when it has one).</summary>
    public static ReplayScope All { get; } = new(null, null, null);

    /// <summary>Exactly these streams (tenant and id).</summary>
    public static ReplayScope OfStreams(IReadOnlyCollection<(string TenantId, Guid Id)> streams) => new(streams, null, null);

    /// <summary>The streams with these ids, in whichever tenant (of the replay's tenant, when it has one).</summary>
    public static ReplayScope OfIds(IReadOnlyCollection<Guid> ids) => new(null, ids, null);

    /// <summary>The streams that received an event with a sequence above <paramref name="sequence"/>, folded whole.</summary>
    public static ReplayScope After(long sequence) => new(null, null, sequence);

    public IReadOnlyCollection<(string TenantId, Guid Id)>? Streams { get; }

    public IReadOnlyCollection<Guid>? Ids { get; }

    public long? AfterSequence { get; }

    public bool IsAll => Streams is null && Ids is null && AfterSequence is null;
}
