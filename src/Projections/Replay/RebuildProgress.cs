namespace EventSourced.Projections.Replay;

/// <summary>What a rebuild is doing: <c>replay</c> (events replayed so far, of about how many), <c>catch-up</c>, <c>switch</c>.</summary>
public sealed record RebuildProgress(string Phase, long Done, long Total);
