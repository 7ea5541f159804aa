using System.Diagnostics;

namespace EventSourced.Bench.Measuring;

/// <summary>
/// Peak memory while something runs, sampled every 20 ms on a background timer: the managed heap
/// (<see cref="GC.GetTotalMemory(bool)"/>, live objects plus garbage not yet collected), the heap size after the latest
/// collection (<see cref="GC.GetGCMemoryInfo()"/>), and the process's working set. The baseline is taken after a full
/// collection right before.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakHeap;
    private long _peakAfterGc;
    private long _peakWorkingSet;
    private int _samples;

    private MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BaselineHeap = GC.GetTotalMemory(false);
        using var process = Process.GetCurrentProcess();
        BaselineWorkingSet = process.WorkingSet64;
        Sample();
        _sampling = Task.Run(SampleAsync);
    }

    public long BaselineHeap { get; }

    public long BaselineWorkingSet { get; }

    public static MemorySampler Start() => new();

    public async Task<MemoryPeak> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        return new MemoryPeak(BaselineHeap, _peakHeap, _peakAfterGc, BaselineWorkingSet, _peakWorkingSet, _samples);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private void Sample()
    {
        _samples++;
        _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(false));
        _peakAfterGc = Math.Max(_peakAfterGc, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
        using var process = Process.GetCurrentProcess();
        _peakWorkingSet = Math.Max(_peakWorkingSet, process.WorkingSet64);
    }
}

/// <summary>Peaks in bytes; <see cref="HeapGrowth"/> is the managed heap's peak over its baseline.</summary>
public sealed record MemoryPeak(long BaselineHeap, long PeakHeap, long PeakHeapAfterGc, long BaselineWorkingSet, long PeakWorkingSet, int Samples)
{
    public long HeapGrowth => PeakHeap - BaselineHeap;

    public long WorkingSetGrowth => PeakWorkingSet - BaselineWorkingSet;
}
