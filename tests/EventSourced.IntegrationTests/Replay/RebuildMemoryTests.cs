using EventSourced.IntegrationTests.Integrity;
using EventSourced.Projections.Replay;

namespace EventSourced.IntegrationTests.Replay;

/// <summary>
/// The rebuild reads the log in chunks of whole streams capped by their number of events, folds them, and writes the rows
/// out with COPY: what it holds on to depends on the chunk size, not on how many events the store has.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class RebuildMemoryTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task The_rebuilds_memory_does_not_grow_with_the_number_of_events()
    {
        // A: 200 campaigns (with their template, group and programs), each edited and moved back and forth below 90 %.
        var bulk = new BulkStreams(db);
        await bulk.TemplatesAsync(1);
        await bulk.GroupsAsync(1);
        await bulk.ProgramsAsync(10);
        await bulk.CampaignsAsync(perProgram: 20);
        await bulk.ChurnAsync(bulk.Campaigns, eventsEach: 60);
        var a = await MeasureAsync();

        // B: the same streams with ten times the events.
        var extraEach = (int)Math.Ceiling(9.0 * a.Report.Events / bulk.Campaigns.Count);
        await bulk.ChurnAsync(bulk.Campaigns, extraEach);
        var b = await MeasureAsync();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"A: {a.Report.Events} events, {a.Samples} samples, peak growth {a.Growth / 1024.0:F0} KiB; " +
            $"B: {b.Report.Events} events, {b.Samples} samples, peak growth {b.Growth / 1024.0:F0} KiB");
        a.Report.Switched.ShouldBeTrue();
        b.Report.Switched.ShouldBeTrue();
        b.Report.Events.ShouldBe(bulk.EventCount);
        b.Report.Events.ShouldBeGreaterThanOrEqualTo(10 * a.Report.Events);
        b.Samples.ShouldBeGreaterThan(b.Report.Events / 10_000); // a sample per chunk of at most 10,000 events (ReplayEngine.EventsPerChunk)
        b.Growth.ShouldBeLessThan((a.Growth * 2) + (16 * Megabyte));
    }

    /// <summary>Rebuilds twice and measures the second run, after the one-time costs (JIT, caches) of the first.</summary>
    private async Task<Measurement> MeasureAsync()
    {
        await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions(), cancellation: TestContext.Current.CancellationToken);
        await Task.Yield(); // unwind the finished run's frames, which would keep its state reachable
        var memory = new PeakMemory<RebuildProgress>();
        var report = (await ReadTableRebuild.RunAsync(db.Store, new RebuildOptions(), memory, TestContext.Current.CancellationToken)).Single();
        return new Measurement(report, memory.Peak - memory.Baseline, memory.Samples);
    }

    private sealed record Measurement(RebuildReport Report, long Growth, long Samples);
}
