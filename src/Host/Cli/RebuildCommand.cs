using EventSourced.Projections.Integrity;
using EventSourced.Projections.Replay;
using Marten;
using Spectre.Console;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>rebuild [--table t]… [--tenant id] [--dry-run] [--verify] [--proceed]</c>: rebuilds read tables from the event log while the
/// service runs (<see cref="ReadTableRebuild"/>): new tables beside the live ones, caught up, switched in one short
/// transaction. A progress bar on a terminal, plain lines otherwise. Exit code: 0 switched (or a dry run built the tables),
/// 1 not switched (events that cannot be applied, without <c>--proceed</c>; or <c>--verify</c> found new rows that differ from
/// the replay), 2 could not run.
/// </summary>
public sealed class RebuildCommand(IDocumentStore store, TextWriter output, IAnsiConsole console, TextWriter? error = null)
{
    private readonly TextWriter _error = error ?? output;

    public const string Name = "rebuild";
    public const int Switched = 0;
    public const int NotSwitched = 1;
    public const int CouldNotRun = 2;

    private const string Usage = "usage: rebuild [--table <table>]... [--tenant <id>] [--dry-run] [--verify] [--proceed]";

    public static readonly string[] Flags = ["--dry-run", "--verify", "--proceed"];
    public static readonly string[] Valued = ["--table", "--tenant"];

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>JasperFx's <c>projections rebuild</c>: Marten's daemon rebuild, which starts by emptying the live tables (and
    /// which knows nothing of the shadow-table switch). Refused with the way to do it here.</summary>
    public static bool IsMartenRebuild(string[] args) => args.Length > 1 && args[0] == "projections" && args.Skip(1).Contains("rebuild");

    public const string MartenRebuildRefusal =
        "projections rebuild is not used here: it would empty the live read tables first, and readers would see them shrink.\n" +
        "Rebuild them while the service runs with the host's own command (new tables beside the live ones, switched in one short transaction):\n" +
        "  " + Usage + "\n" +
        "See docs/incident-repair.md. (`projections list` and the other projections commands work as usual.)";

    public async Task<int> RunAsync(CommandLineArguments arguments, CancellationToken cancellation)
    {
        if (arguments.Unknown.Count > 0 || arguments.Positional.Count > 0)
        {
            _error.WriteLine($"rebuild: unknown argument(s): {string.Join(", ", arguments.Unknown.Concat(arguments.Positional))}");
            _error.WriteLine(Usage);
            return CouldNotRun;
        }

        var options = new RebuildOptions
        {
            Tables = arguments.Values("--table"),
            TenantId = arguments.Value("--tenant"),
            DryRun = arguments.Has("--dry-run"),
            Verify = arguments.Has("--verify"),
            ProceedDespiteUnappliedEvents = arguments.Has("--proceed"),
        };
        try
        {
            IntegrityCheck.SelectTables(options.Tables); // names an unknown table before anything runs
            var reports = await WithProgressAsync(p => ReadTableRebuild.RunAsync(store, options, p, cancellation));
            foreach (var report in reports)
            {
                Write(report);
            }

            return reports.All(r => r.Switched || options.DryRun && r.UnappliedEventCount == 0) ? Switched : NotSwitched;
        }
        catch (ArgumentException ex)
        {
            _error.WriteLine($"rebuild: {ex.Message}");
            _error.WriteLine(Usage);
            return CouldNotRun;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error.WriteLine($"rebuild could not run: {ex.GetType().Name}: {ex.Message}");
            return CouldNotRun;
        }
    }

    private void Write(RebuildReport report)
    {
        output.WriteLine($"rebuild of {report.Database}: {report.Streams} streams, {report.Events} events replayed in {report.Elapsed.TotalSeconds:0.0} s; " +
                         $"{report.CaughtUpStreams} streams caught up" +
                         (report.VerifyDifferences is 0 ? "; verified against a second replay" : string.Empty) +
                         (report.Switched ? $"; switched in {report.SwitchDuration.TotalMilliseconds:0} ms" : $"; not switched: {report.NotSwitchedBecause}"));
        if (report.Phases.Count > 0)
        {
            output.WriteLine("  time: " + string.Join(", ", report.Phases.Select(p => $"{p.Key} {p.Value.TotalSeconds:0.00} s")) +
                             " (replay is the wall time of read, decode, fold and write, which overlap; decode and fold are summed over the cores)");
        }

        foreach (var table in report.Tables)
        {
            output.WriteLine($"  {table.Table,-24} {table.RowsBefore,10} rows before {table.RowsAfter,10} after");
        }

        if (report.UnappliedEventCount > 0)
        {
            output.WriteLine($"  {report.UnappliedEventCount} event(s) could not be read or applied:");
            foreach (var e in report.UnappliedEvents)
            {
                output.WriteLine($"    seq {e.Sequence} stream {e.StreamId} v{e.Version} {e.EventType}{(e.Table is null ? "" : $" ({e.Table})")}: {e.Error}");
                output.WriteLine($"      fix: {e.Fix}");
            }
        }

        if (report.QuarantinedEventsSkipped > 0)
        {
            output.WriteLine($"  {report.QuarantinedEventsSkipped} quarantined event(s) left out, as an operator decided");
        }
    }

    private async Task<T> WithProgressAsync<T>(Func<IProgress<RebuildProgress>?, Task<T>> run)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Plain lines for logs and pipes: one per phase, not one per chunk.
            var phase = string.Empty;
            return await run(new Progress<RebuildProgress>(p =>
            {
                if (p.Phase != phase)
                {
                    phase = p.Phase;
                    _error.WriteLine(p.Phase == "replay" ? $"rebuild: replay (about {p.Total} events)" : $"rebuild: {p.Phase} ({p.Total} steps)");
                }
            }));
        }

        return await console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("Replaying the event streams");
            var result = await run(new Progress<RebuildProgress>(p =>
            {
                task.Description = p.Phase == "replay" ? "Replaying the event streams" : p.Phase;
                (task.MaxValue, task.Value) = (Math.Max(p.Total, 1), p.Done);
            }));
            task.Value = task.MaxValue;
            return result;
        });
    }
}
