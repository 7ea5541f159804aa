using System.Diagnostics;
using EventSourced.Bench.Measuring;
using EventSourced.Bench.Reporting;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Integrity;
using Npgsql;

namespace EventSourced.Bench.Scenarios;

/// <summary>
/// 4. The integrity check (replay every stream into a scratch schema, compare, domain findings): time and peak memory, against
/// the runbooks' SQL join queries on the same data; and, from the second size on, how both grew with the events.
/// </summary>
public static class IntegrityScenario
{
    private const string Section = "4. Integrity check";

    /// <summary>The runbooks' diagnosis queries: 000's dual-write mismatch and orphaned-enrollment checks, 002's four diagnoses.</summary>
    public static IReadOnlyDictionary<string, string> RunbookQueries { get; } = new Dictionary<string, string>
    {
        ["000 dual-write mismatches"] =
            "SELECT pe.id, pe.program_type AS enrollment_type, p.program_type AS program_type FROM program_enrollments pe " +
            "LEFT JOIN programs p ON p.id = pe.program_id WHERE pe.program_type != p.program_type",
        ["000 orphaned enrollments"] =
            "SELECT pe.*, p.id AS program FROM program_enrollments pe LEFT JOIN programs p ON p.id = pe.program_id " +
            "WHERE p.id IS NULL AND pe.program_id IS NOT NULL",
        ["002 workflow not triggering"] = WorkflowDiagnosisQueries.CampaignsAboveThresholdWithoutApproval,
        ["002 approvals stuck pending"] =
            "SELECT ca.*, c.name AS campaign_name FROM campaign_approvals ca JOIN program_campaigns c ON c.id = ca.campaign_id WHERE ca.status = 'pending'",
        ["002 orphaned reservations"] = WorkflowDiagnosisQueries.OrphanedReservations,
        ["002 orders not created"] = WorkflowDiagnosisQueries.WonCampaignsWithoutOrder,
    };

    public static async Task<IntegritySample> RunAsync(BenchContext context, IntegritySample? previous)
    {
        var events = await context.EventCountAsync();

        // Three runs: the first ones pay the one-time costs (JIT and its tiering, Marten's and Npgsql's caches). The fastest time
        // is reported (this machine is shared), and the memory of the last run.
        var first = await CheckAsync(context);
        var warm = await CheckAsync(context);
        var second = await CheckAsync(context);
        var time = new[] { first.Time, warm.Time, second.Time }.Min();
        if (!second.Report.IsClean)
        {
            context.Results.Note($"integrity check at {events:N0} events is NOT clean: {second.Report.FindingCount} findings " +
                $"({string.Join(", ", second.Report.CountsByKind.Where(k => k.Value > 0).Select(k => $"{k.Key} {k.Value}"))})");
        }

        var sql = TimeSpan.MaxValue;
        long sqlRows = 0;
        for (var run = 0; run < 2; run++)
        {
            var (elapsed, rows) = await RunbookSqlAsync(context.Database.ConnectionString);
            (sql, sqlRows) = (elapsed < sql ? elapsed : sql, rows);
        }

        var replayed = second.Report.EventsReplayed;
        var memory = second.Memory;
        context.Results.Add(new ResultRow(Section, events, "check time (replay + compare + findings)",
            $"{time.TotalSeconds:F2} s ({replayed / time.TotalSeconds:N0} events/s), {second.Report.FindingCount} findings",
            $"runbook SQL ({RunbookQueries.Count} join queries): {sql.TotalMilliseconds:N0} ms, {sqlRows} rows", time / sql, "time ÷ SQL; informational", null));
        context.Results.Add(new ResultRow(Section, events, "check peak memory",
            $"managed heap +{Mib(memory.HeapGrowth)} MiB over {Mib(memory.BaselineHeap)} MiB (after-GC heap peak {Mib(memory.PeakHeapAfterGc)} MiB), " +
            $"working set peak {Mib(memory.PeakWorkingSet)} MiB (+{Mib(memory.WorkingSetGrowth)})",
            previous is null ? string.Empty : $"at {previous.Events:N0} events: heap +{Mib(previous.Memory.HeapGrowth)} MiB, working set +{Mib(previous.Memory.WorkingSetGrowth)} MiB",
            previous is null ? null : Ratio(memory.HeapGrowth, previous.Memory.HeapGrowth),
            previous is null ? string.Empty : "flat: heap growth < 2× the smaller size's + 8 MiB",
            previous is null ? null : memory.HeapGrowth < (2 * previous.Memory.HeapGrowth) + (8L << 20)));

        var copy = Min(await RebuildScenario.CopyEventLogAsync(context), await RebuildScenario.CopyEventLogAsync(context));
        context.Results.Add(new ResultRow(Section, events, "check time against the COPY of the log",
            $"{time.TotalSeconds:F2} s", $"COPY (select * from mt_events order by seq_id) to /dev/null: {copy.TotalSeconds:F2} s", time / copy,
            "≤ 4× the COPY's time", time / copy <= 4));
        await IncrementalAsync(context, events, second.Report.IsClean);

        var sample = new IntegritySample(events, time, sql, memory);
        if (previous is not null)
        {
            var eventRatio = (double)events / previous.Events;
            var timeRatio = time / previous.Time;
            context.Results.Add(new ResultRow(Section, events, $"check time growth from {previous.Events:N0} events",
                $"{timeRatio:F2}× the time for {eventRatio:F2}× the events",
                $"runbook SQL grew {sql / previous.Sql:F2}×", timeRatio / eventRatio, "linear: ≤ 1.10 (10× events → ≤ 11× time)", timeRatio / eventRatio <= 1.10));
        }

        return sample;
    }

    /// <summary>After a clean full check (which records its mark), 1,000 new events, and the incremental check that covers them.</summary>
    private static async Task IncrementalAsync(BenchContext context, long events, bool clean)
    {
        const int NewEvents = 1000;
        // Once with nothing new (it pays the one-time costs), then once after the new events: a clean incremental check moves
        // the mark, so a second run after them would cover nothing.
        await IntegrityCheck.RunAsync(context.Host.Store, new IntegrityCheckOptions { Incremental = true }, TimeProvider.System);
        var writer = new EnrollmentWriter(context.Host.Store, $"incremental-{events}");
        await writer.WriteAsync(NewEvents);
        var watch = Stopwatch.StartNew();
        var report = await IntegrityCheck.RunAsync(context.Host.Store, new IntegrityCheckOptions { Incremental = true }, TimeProvider.System);
        var best = watch.Elapsed;
        var covered = report.Tables.Single(t => t.Table == "program_enrollments").ExpectedRows;
        context.Results.Add(new ResultRow(Section, events, $"incremental check after {NewEvents:N0} new events",
            $"{best.TotalMilliseconds:N0} ms, {report.EventsReplayed:N0} events replayed ({report.Scope}), {covered:N0} enrollment rows compared" +
            (clean ? string.Empty : " (the full check was not clean: no mark, a full check)"),
            $"{NewEvents:N0} enrollments written", null, "< 1 s", best < TimeSpan.FromSeconds(1) && covered == NewEvents));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task<(IntegrityReport Report, TimeSpan Time, MemoryPeak Memory)> CheckAsync(BenchContext context)
    {
        // Let the previous run's frames unwind before the baseline is taken, so nothing of it is still reachable.
        await Task.Yield();
        await using var sampler = MemorySampler.Start();
        var watch = Stopwatch.StartNew();
        var report = await IntegrityCheck.RunAsync(context.Host.Store, new IntegrityCheckOptions(), TimeProvider.System);
        var time = watch.Elapsed;
        var memory = await sampler.StopAsync();
        return (report, time, memory);
    }

    /// <summary>Every runbook query, reading every row it returns; the total time and row count.</summary>
    public static async Task<(TimeSpan Elapsed, long Rows)> RunbookSqlAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long rows = 0;
        var watch = Stopwatch.StartNew();
        foreach (var sql in RunbookQueries.Values)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }

        return (watch.Elapsed, rows);
    }

    private static long Mib(long bytes) => (long)Math.Round(bytes / 1048576.0);

    private static double? Ratio(long value, long baseline) => baseline <= 0 ? null : (double)value / baseline;
}

/// <summary>The integrity figures at one size, to compare the next size with.</summary>
public sealed record IntegritySample(long Events, TimeSpan Time, TimeSpan Sql, MemoryPeak Memory);
