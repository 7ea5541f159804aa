namespace EventSourced.IntegrationTests;

/// <summary>
/// Samples the live heap after a full collection right away (the baseline) and on every progress report of the operation it
/// is handed to (after each page or chunk of events). Reports run synchronously, on the operation's own flow;
/// <see cref="Progress{T}"/> would post them to the thread pool and sample whenever it got round to it.
/// </summary>
internal sealed class PeakMemory<T> : IProgress<T>
{
    public PeakMemory() => Baseline = Peak = LiveHeap();

    public long Baseline { get; }

    public long Peak { get; private set; }

    public long Samples { get; private set; }

    public void Report(T value)
    {
        Peak = Math.Max(Peak, LiveHeap());
        Samples++;
    }

    private static long LiveHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(false);
    }
}
