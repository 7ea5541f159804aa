namespace EventSourced.Projections.Replay;

/// <summary>Where the replay engine hands what it folded: each stream's rows (table by table), as each stream completes.</summary>
internal interface IReplaySink
{
    /// <param name="rows">One entry per projection of the replay, in its order: the stream's row, or null when it has none there.</param>
    ValueTask StreamFoldedAsync(StreamKey stream, IReadOnlyList<object?[]?> rows, CancellationToken cancellation);
}
