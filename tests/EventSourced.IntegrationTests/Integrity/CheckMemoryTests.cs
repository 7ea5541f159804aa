using EventSourced.Projections.Integrity;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>Test classes that measure the process's memory: nothing else runs while they do.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>
/// The check streams the events through in batches of about a page, a few in flight, and the live rows a page at a time,
/// so what it holds on to depends on the page size, not on how many events the store has.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class CheckMemoryTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    private const long Megabyte = 1024 * 1024;

    // Small pages keep the check's working set small (about 2 MB here), so that holding on to the events stands out:
    // case B's events take about 26 MB deserialized, and a replay made to keep every page grew by 29 MB in case B.
    private static readonly IntegrityCheckOptions Options = new() { PageSize = 500 };

    [Fact]
    public async Task The_checks_memory_does_not_grow_with_the_number_of_events()
    {
        // A: 200 campaigns (with their template, group and programs), each edited and moved back and forth below 90 %.
        var bulk = new BulkStreams(db);
        await bulk.TemplatesAsync(1);
        await bulk.GroupsAsync(1);
        await bulk.ProgramsAsync(10);
        await bulk.CampaignsAsync(perProgram: 20);
        await bulk.ChurnAsync(bulk.Campaigns, eventsEach: 15);
        var a = await MeasureAsync();

        // B: the same streams with ten times the events.
        var extraEach = (int)Math.Ceiling(9.0 * a.Report.EventsReplayed / bulk.Campaigns.Count);
        await bulk.ChurnAsync(bulk.Campaigns, extraEach);
        var b = await MeasureAsync();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"A: {a.Report.EventsReplayed} events, {a.Samples} samples, peak growth {a.Growth / 1024.0:F0} KiB; " +
            $"B: {b.Report.EventsReplayed} events, {b.Samples} samples, peak growth {b.Growth / 1024.0:F0} KiB");
        a.Report.IsClean.ShouldBeTrue();
        b.Report.IsClean.ShouldBeTrue();
        b.Report.EventsReplayed.ShouldBe(bulk.EventCount);
        b.Report.EventsReplayed.ShouldBeGreaterThanOrEqualTo(10 * a.Report.EventsReplayed);
        // Sampled all along the replay (once per batch of about a page of events, each ending at a stream boundary).
        b.Samples.ShouldBeGreaterThan(b.Report.EventsReplayed / (4 * Options.PageSize));
        b.Growth.ShouldBeLessThan((a.Growth * 2) + (8 * Megabyte));
    }

    /// <summary>
    /// Checks the store twice and measures the second run: the first pays the one-time costs (JIT, Marten's and Npgsql's
    /// caches), which would otherwise count against whichever measurement came first.
    /// </summary>
    private async Task<Measurement> MeasureAsync()
    {
        await IntegrityCheck.RunAsync(db.Store, Options, db.Clock, cancellation: TestContext.Current.CancellationToken);

        // Resuming inline, this method still runs on top of the finished check's frames, which keep its state (the last
        // page, or all of them, were it leaking) reachable: unwind them, or the baseline would include that run.
        await Task.Yield();
        var memory = new PeakMemory<IntegrityProgress>();
        var report = await IntegrityCheck.RunAsync(db.Store, Options, db.Clock, memory, TestContext.Current.CancellationToken);
        return new Measurement(report, memory.Peak - memory.Baseline, memory.Samples);
    }

    private sealed record Measurement(IntegrityReport Report, long Growth, long Samples);
}
