using System.Diagnostics;

namespace EventSourced.Bench.Measuring;

/// <summary>
/// Runs operations with a fixed number of concurrent workers, each taking the next index as soon as its previous operation
/// finished (closed loop), and times every operation into a <see cref="Measurement"/>. An operation returns false (or
/// throws) to count as failed; failed operations are timed too, and reported.
/// </summary>
public static class LoadRunner
{
    /// <summary>Runs operations <paramref name="firstIndex"/> … <paramref name="firstIndex"/> + <paramref name="count"/> - 1.</summary>
    public static async Task RunAsync(Measurement into, int count, int workers, int firstIndex, Func<int, Task<bool>> operation)
    {
        var next = firstIndex - 1;
        var cpu = CpuMeter.Start();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < firstIndex + count)
            {
                var opStarted = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await operation(index) ? null : $"operation {index} was refused";
                }
                catch (Exception ex)
                {
                    failure = $"{ex.GetType().Name}: {ex.Message}";
                }

                into.Record(Stopwatch.GetElapsedTime(opStarted), failure);
            }
        })));
        into.AddRun(count, Stopwatch.GetElapsedTime(started), cpu.Stop());
    }
}

/// <summary>One variant's operations over one or more runs: throughput over the runs' summed wall time, latency percentiles
/// over every operation, failures, and CPU.</summary>
public sealed class Measurement(string name)
{
    private readonly LatencyRecorder _latencies = new();
    private readonly object _lock = new();
    private int _failures;

    public string Name { get; } = name;

    public int Count { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public TimeSpan ProcessCpu { get; private set; }

    /// <summary>Share of all the machine's cores busy during the runs (wall-time weighted), PostgreSQL included.</summary>
    public double? MachineBusy { get; private set; }

    public int Failures => _failures;

    public string? FirstFailure { get; private set; }

    public double PerSecond => Count / Elapsed.TotalSeconds;

    public LatencySummary Latency => _latencies.Summarize();

    public void Record(TimeSpan elapsed, string? failure)
    {
        _latencies.Record(elapsed);
        if (failure is not null)
        {
            Interlocked.Increment(ref _failures);
            lock (_lock)
            {
                FirstFailure ??= failure;
            }
        }
    }

    public void AddRun(int count, TimeSpan elapsed, CpuUsage cpu)
    {
        lock (_lock)
        {
            var wall = Elapsed + elapsed;
            if (cpu.MachineBusy is { } busy)
            {
                MachineBusy = (((MachineBusy ?? 0) * Elapsed.TotalSeconds) + (busy * elapsed.TotalSeconds)) / wall.TotalSeconds;
            }

            Count += count;
            Elapsed = wall;
            ProcessCpu += cpu.Process;
        }
    }

    /// <summary>"812 ops/s, p50 8.1 / p95 15.2 / p99 22.0 ms".</summary>
    public string Describe(string unit = "ops/s")
    {
        var l = Latency;
        return $"{PerSecond:N0} {unit}, p50 {l.P50:F1} / p95 {l.P95:F1} / p99 {l.P99:F1} ms" +
            (Failures == 0 ? string.Empty : $", {Failures} failed ({FirstFailure})");
    }
}
