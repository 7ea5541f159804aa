using EventSourced.Domain.Approvals.Reminders;
using EventSourced.Domain.Repairs;
using EventSourced.Operations.Repairs;
using EventSourced.Projections.Integrity;
using Marten;
using Spectre.Console;
using System.Text.Json;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>integrity check [--table t]… [--tenant id] [--since seq | --incremental | --stream id…] [--json] [--keep-scratch]</c> and
/// <c>integrity repair [--dry-run] --operator id [--reason text] [--kind k]… [--table t]… [--json]</c> and
/// <c>integrity quarantine --event seq --operator id --reason text</c>.
/// Exit code: 0 clean, 1 findings (after a repair: findings remain or a repair was refused), 2 could not run.
/// (JasperFx's command framework, which runs <c>projections</c>, only returns 0 or 1, hence a command of our own.)
/// In a <paramref name="tenanted"/> host, without <c>--tenant</c> every tenant is checked (or repaired) and reported in turn;
/// <c>--json</c> then prints an array of reports, one per tenant. Otherwise (one tenant, or <c>--tenant</c>) one report.
/// </summary>
/// <remarks>The report (text or <c>--json</c>) goes to <paramref name="output"/>, problems to <paramref name="error"/> (stderr
/// from the command line; <paramref name="output"/> when not given), so <c>--json | jq</c> reads nothing but the report.</remarks>
public sealed class IntegrityCommand(IDocumentStore store, TimeProvider clock, IntegrityMetrics metrics, TextWriter output, IAnsiConsole console,
    bool tenanted = false, TextWriter? error = null, TimeSpan? pendingApprovalMaxAge = null)
{
    private readonly TextWriter _error = error ?? output;

    public const string Name = "integrity";
    public const int Clean = 0;
    public const int Findings = 1;
    public const int CouldNotRun = 2;

    private const string Usage =
        "usage: integrity check [--table <table>]... [--tenant <id>] [--since <sequence> | --incremental | --stream <id>...] [--json] [--keep-scratch]\n" +
        "       integrity repair [--dry-run] --operator <id> [--reason <text>] [--kind <kind>]... [--table <table>]... [--tenant <id>] [--json]\n" +
        "       integrity quarantine --event <sequence> --operator <id> --reason <text> [--tenant <id>]";

    public static readonly string[] Flags = ["--json", "--dry-run", "--keep-scratch", "--incremental"];
    public static readonly string[] Valued = ["--table", "--tenant", "--operator", "--reason", "--kind", "--since", "--stream", "--event"];

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public async Task<int> RunAsync(CommandLineArguments arguments, CancellationToken cancellation)
    {
        var action = arguments.Positional.FirstOrDefault();
        if (arguments.Unknown.Count > 0 || arguments.Positional.Count != 1 || action is not ("check" or "repair" or "quarantine"))
        {
            return Refuse(arguments.Unknown.Count > 0 ? $"unknown option(s): {string.Join(", ", arguments.Unknown)}" : "expected 'check', 'repair' or 'quarantine'");
        }

        if (action == "quarantine")
        {
            return await QuarantineAsync(arguments, cancellation);
        }

        var kinds = arguments.Values("--kind");
        var unknownKinds = kinds.Where(k => !FindingKinds.All.Contains(k)).ToArray();
        if (unknownKinds.Length > 0)
        {
            return Refuse($"unknown finding kind(s): {string.Join(", ", unknownKinds)}. Kinds: {string.Join(", ", FindingKinds.All)}");
        }

        long? since = null;
        if (arguments.Value("--since") is { } sinceText)
        {
            if (!long.TryParse(sinceText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
            {
                return Refuse($"--since takes an event sequence number (mt_events.seq_id), not '{sinceText}'");
            }

            since = sequence;
        }

        var streamTexts = arguments.Values("--stream");
        var badStreams = streamTexts.Where(t => !Guid.TryParse(t, out _)).ToArray();
        if (badStreams.Length > 0)
        {
            return Refuse($"--stream takes a stream id (a uuid), not {string.Join(", ", badStreams.Select(t => $"'{t}'"))}");
        }

        var partial = (since is null ? 0 : 1) + (arguments.Has("--incremental") ? 1 : 0) + (streamTexts.Count > 0 ? 1 : 0);
        if (partial > 1)
        {
            return Refuse("--since, --incremental and --stream choose which streams to check: give one of them");
        }

        if (partial > 0 && action == "repair")
        {
            return Refuse("integrity repair works from a full check: --since, --incremental and --stream are for integrity check");
        }

        var check = new IntegrityCheckOptions
        {
            Tables = arguments.Values("--table"),
            TenantId = arguments.Value("--tenant"),
            KeepScratchSchema = arguments.Has("--keep-scratch"),
            PendingApprovalMaxAge = pendingApprovalMaxAge ?? StaleApprovalPolicy.Default.StaleAfter,
            SinceSequence = since,
            Incremental = arguments.Has("--incremental"),
            StreamIds = streamTexts.Count > 0 ? streamTexts.Select(Guid.Parse).ToArray() : null,
        };
        var json = arguments.Has("--json");
        try
        {
            IntegrityCheck.SelectTables(check.Tables);
            var everyTenant = tenanted && check.TenantId is null;
            if (action == "check")
            {
                var reports = await WithProgressAsync(json, "Replaying the event streams", async p => everyTenant
                    ? await IntegrityCheck.RunForTenantsAsync(store, check, clock, p, cancellation)
                    : [await IntegrityCheck.RunAsync(store, check, clock, p, cancellation)]);
                metrics.Record(reports);
                Write(reports, everyTenant, json, IntegrityReportText.Write);
                return reports.All(r => r.IsClean) ? Clean : Findings;
            }

            var dryRun = arguments.Has("--dry-run");
            var operatorId = arguments.Value("--operator") ?? (dryRun ? "dry-run" : null);
            if (string.IsNullOrWhiteSpace(operatorId))
            {
                return Refuse("integrity repair records who repaired: pass --operator <id> (or --dry-run to only look)");
            }

            var options = new RepairOptions { Check = check, OperatorId = operatorId, Reason = arguments.Value("--reason"), Kinds = kinds, DryRun = dryRun };
            var repairs = await WithProgressAsync(json, dryRun ? "Planning the repair (dry run)" : "Repairing", async p => everyTenant
                ? await IntegrityRepair.RunForTenantsAsync(store, options, clock, p, cancellation)
                : [await IntegrityRepair.RunAsync(store, options, clock, p, cancellation)]);
            metrics.Record(repairs.Select(r => r.After ?? r.Before));
            Write(repairs, everyTenant, json, IntegrityReportText.Write);
            return repairs.All(r => (r.After ?? r.Before).IsClean && !r.Refused.Any() && !r.FailedRows.Any()) ? Clean : Findings;
        }
        catch (ArgumentException ex)
        {
            return Refuse(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error.WriteLine($"integrity {action} could not run: {ex.GetType().Name}: {ex.Message}");
            return CouldNotRun;
        }
    }

    /// <summary><c>integrity quarantine</c>: leaves one event out of later rebuilds and checks, recorded on its stream.</summary>
    private async Task<int> QuarantineAsync(CommandLineArguments arguments, CancellationToken cancellation)
    {
        if (!long.TryParse(arguments.Value("--event"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                out var sequence))
        {
            return Refuse("integrity quarantine needs --event <sequence>: the seq of an unapplied event in the check's report");
        }

        if (string.IsNullOrWhiteSpace(arguments.Value("--operator")) || string.IsNullOrWhiteSpace(arguments.Value("--reason")))
        {
            return Refuse("integrity quarantine needs --operator <id> and --reason <text>: the choice is recorded in the audit trail");
        }

        try
        {
            var outcome = await EventQuarantine.QuarantineAsync(store, sequence, arguments.Value("--operator")!, arguments.Value("--reason")!, clock,
                arguments.Value("--tenant"), cancellation);
            output.WriteLine(outcome.AlreadyQuarantined
                ? $"event {sequence} ({outcome.EventType}, stream {outcome.StreamId}) was quarantined already; nothing recorded"
                : $"event {sequence} ({outcome.EventType}, stream {outcome.StreamId}) quarantined: later rebuilds and checks leave it out " +
                  "(event_quarantined.v1 on its stream records who and why)");
            return Clean;
        }
        catch (ArgumentException ex)
        {
            return Refuse(ex.Message);
        }
    }

    private int Refuse(string message)
    {
        _error.WriteLine($"integrity: {message}");
        _error.WriteLine(Usage);
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

    // One report as before; every tenant's, one after the other (JSON: an array).
    private void Write<T>(IReadOnlyList<T> reports, bool everyTenant, bool json, Action<TextWriter, T> writeText)
    {
        if (json)
        {
            output.WriteLine(everyTenant ? JsonSerializer.Serialize(reports, IntegrityJson.Options) : JsonSerializer.Serialize(reports.Single(), IntegrityJson.Options));
            return;
        }

        if (reports.Count == 0)
        {
            output.WriteLine("No tenant has events yet: nothing to check.");
        }

        for (var i = 0; i < reports.Count; i++)
        {
            if (i > 0)
            {
                output.WriteLine();
            }

            writeText(output, reports[i]);
        }
    }
}
