using System.Diagnostics;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using Marten;

namespace EventSourced.Bench.Measuring;

/// <summary>
/// A writer of new enrollments through the store (inline projections, one transaction each), timing every write: what a
/// service keeps doing while an operator rebuilds, and the events an incremental check then has to cover.
/// </summary>
public sealed class EnrollmentWriter(IDocumentStore store, string runKey)
{
    private readonly List<TimeSpan> _latencies = [];
    private readonly List<Guid> _acknowledged = [];
    private int _next;

    public IReadOnlyList<Guid> Acknowledged => _acknowledged;

    /// <summary>Writes until <paramref name="stop"/>; the latencies of those writes.</summary>
    public async Task<IReadOnlyList<TimeSpan>> WriteUntilAsync(CancellationToken stop)
    {
        var start = _latencies.Count;
        while (!stop.IsCancellationRequested)
        {
            await WriteOneAsync();
        }

        return _latencies.Skip(start).ToArray();
    }

    public async Task WriteAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await WriteOneAsync();
        }
    }

    private async Task WriteOneAsync()
    {
        var key = $"bench-{runKey}-{_next++}";
        var id = EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, key);
        var now = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        await using var session = store.LightweightSession();
        session.Events.StartStream<EnrollmentState>(id,
            new EnrollmentCreated(id, $"user-{key}", null, "mentorship", null, null, null, SourceSystems.Kintell, key, now, now));
        await session.SaveChangesAsync(CancellationToken.None);
        _latencies.Add(watch.Elapsed);
        _acknowledged.Add(id);
    }

    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> latencies, double percentile)
    {
        var sorted = latencies.Order().ToArray();
        return sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile * sorted.Length) - 1)];
    }
}
