using System.Text.Json;
using EventSourced.Domain.Repairs;
using EventSourced.Projections.Integrity;
using Marten;
using Spectre.Console;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>integrity check [--table t]… [--tenant id] [--json] [--keep-scratch]</c> and
/// <c>integrity repair [--dry-run] --operator id [--reason text] [--kind k]… [--table t]… [--json]</c>.
/// Exit code: 0 clean, 1 findings (after a repair: findings remain or a repair was refused), 2 could not run.
/// (JasperFx's command framework, which runs <c>projections</c>, only returns 0 or 1, hence a command of our own.)
/// </summary>
public sealed class IntegrityCommand(IDocumentStore store, TimeProvider clock, IntegrityMetrics metrics, TextWriter output, IAnsiConsole console)
{
    public const string Name = "integrity";
    public const int Clean = 0;
    public const int Findings = 1;
    public const int CouldNotRun = 2;

    private const string Usage =
        "usage: integrity check [--table <table>]... [--tenant <id>] [--json] [--keep-scratch]\n" +
        "       integrity repair [--dry-run] --operator <id> [--reason <text>] [--kind <kind>]... [--table <table>]... [--tenant <id>] [--json]";

    public static readonly string[] Flags = ["--json", "--dry-run", "--keep-scratch"];
    public static readonly string[] Valued = ["--table", "--tenant", "--operator", "--reason", "--kind"];

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public async Task<int> RunAsync(CommandLineArguments arguments, CancellationToken cancellation)
    {
        var action = arguments.Positional.FirstOrDefault();
        if (arguments.Unknown.Count > 0 || arguments.Positional.Count != 1 || action is not ("check" or "repair"))
        {
            return Refuse(arguments.Unknown.Count > 0 ? $"unknown option(s): {string.Join(", ", arguments.Unknown)}" : "expected 'check' or 'repair'");
        }

        var kinds = arguments.Values("--kind");
        var unknownKinds = kinds.Where(k => !FindingKinds.All.Contains(k)).ToArray();
        if (unknownKinds.Length > 0)
        {
            return Refuse($"unknown finding kind(s): {string.Join(", ", unknownKinds)}. Kinds: {string.Join(", ", FindingKinds.All)}");
        }

        var check = new IntegrityCheckOptions
        {
            Tables = arguments.Values("--table"),
            TenantId = arguments.Value("--tenant"),
            KeepScratchSchema = arguments.Has("--keep-scratch"),
        };
        var json = arguments.Has("--json");
        try
        {
            IntegrityCheck.SelectTables(check.Tables);
            if (action == "check")
            {
                var report = await WithProgressAsync(json, "Replaying the event streams", p => IntegrityCheck.RunAsync(store, check, clock, p, cancellation));
                metrics.Record(report);
                WriteCheck(report, json);
                return report.IsClean ? Clean : Findings;
            }

            var dryRun = arguments.Has("--dry-run");
            var operatorId = arguments.Value("--operator") ?? (dryRun ? "dry-run" : null);
            if (string.IsNullOrWhiteSpace(operatorId))
            {
                return Refuse("integrity repair records who repaired: pass --operator <id> (or --dry-run to only look)");
            }

            var options = new RepairOptions { Check = check, OperatorId = operatorId, Reason = arguments.Value("--reason"), Kinds = kinds, DryRun = dryRun };
            var repair = await WithProgressAsync(json, dryRun ? "Planning the repair (dry run)" : "Repairing",
                p => IntegrityRepair.RunAsync(store, options, clock, p, cancellation));
            metrics.Record(repair.After ?? repair.Before);
            WriteRepair(repair, json);
            var remaining = repair.After ?? repair.Before;
            return remaining.IsClean && !repair.Refused.Any() && !repair.FailedRows.Any() ? Clean : Findings;
        }
        catch (ArgumentException ex)
        {
            return Refuse(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            output.WriteLine($"integrity {action} could not run: {ex.GetType().Name}: {ex.Message}");
            return CouldNotRun;
        }
    }

    private int Refuse(string message)
    {
        output.WriteLine($"integrity: {message}");
        output.WriteLine(Usage);
        return CouldNotRun;
    }

    private async Task<T> WithProgressAsync<T>(bool json, string title, Func<IProgress<IntegrityProgress>?, Task<T>> run)
    {
        if (json || !console.Profile.Capabilities.Interactive)
        {
            return await run(null);
        }

        return await console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask(title);
            var result = await run(new Progress<IntegrityProgress>(p =>
            {
                task.Description = p.Phase == "replay" ? title : p.Phase;
                (task.MaxValue, task.Value) = (Math.Max(p.Total, 1), p.Done);
            }));
            task.Value = task.MaxValue;
            return result;
        });
    }

    private void WriteCheck(IntegrityReport report, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, IntegrityJson.Options));
            return;
        }

        IntegrityReportText.Write(output, report);
    }

    private void WriteRepair(RepairReport repair, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(repair, IntegrityJson.Options));
            return;
        }

        IntegrityReportText.Write(output, repair);
    }
}
