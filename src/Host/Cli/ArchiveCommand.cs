using System.Globalization;
using EventSourced.Operations.Retention;
using Marten;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>archive --decided-before &lt;date&gt; --operator &lt;id&gt; [--reason &lt;text&gt;] [--dry-run] [--tenant &lt;id&gt;]</c>: archives the
/// streams of approvals decided before the date, with their reservations and orders (<see cref="ApprovalArchive"/>). Run it
/// with <c>--dry-run</c> first. Exit code: 0 done (or nothing to archive), 2 could not run.
/// </summary>
public sealed class ArchiveCommand(IDocumentStore store, TimeProvider clock, TextWriter output, TextWriter error)
{
    public const string Name = "archive";
    public const int Done = 0;
    public const int CouldNotRun = 2;

    private const string Usage = "usage: archive --decided-before <yyyy-mm-dd> --operator <id> [--reason <text>] [--dry-run] [--tenant <id>]";

    public static readonly string[] Flags = ["--dry-run"];
    public static readonly string[] Valued = ["--decided-before", "--operator", "--reason", "--tenant"];

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static CommandLineArguments Parse(string[] args) => CommandLineArguments.Parse(args.Skip(1), Flags, Valued);

    public async Task<int> RunAsync(CommandLineArguments arguments, CancellationToken cancellation)
    {
        if (arguments.Unknown.Count > 0 || arguments.Positional.Count > 0)
        {
            return await RefuseAsync($"unknown argument(s): {string.Join(", ", arguments.Unknown.Concat(arguments.Positional))}");
        }

        if (!DateTimeOffset.TryParse(arguments.Value("--decided-before"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var before))
        {
            return await RefuseAsync("--decided-before takes a date (e.g. 2026-09-01, read as UTC midnight): approvals decided before it are archived");
        }

        var dryRun = arguments.Has("--dry-run");
        var operatorId = arguments.Value("--operator");
        if (string.IsNullOrWhiteSpace(operatorId) && !dryRun)
        {
            return await RefuseAsync("--operator <id> is required: the run is recorded with it");
        }

        try
        {
            var report = await ApprovalArchive.ArchiveAsync(store, before, operatorId ?? "(dry run)", arguments.Value("--reason") ?? "retention", clock,
                dryRun, arguments.Value("--tenant"), cancellation);
            await output.WriteLineAsync(report.DryRun
                ? $"would archive {report.Approvals.Count} approval(s) decided before {before:yyyy-MM-dd} and {report.Streams.Count} stream(s) with them"
                : $"archived {report.Approvals.Count} approval(s) decided before {before:yyyy-MM-dd}: {report.Streams.Count} stream(s), " +
                  $"{report.RowsRemoved} read row(s) removed" + (report.ArchiveId is { } id ? $"; recorded as {id}" : ""));
            foreach (var approval in report.Approvals.Take(20))
            {
                await output.WriteLineAsync($"  approval {approval}");
            }

            return Done;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            await error.WriteLineAsync($"archive could not run: {ex.Message}");
            return CouldNotRun;
        }
    }

    private async Task<int> RefuseAsync(string message)
    {
        await error.WriteLineAsync($"archive: {message}");
        await error.WriteLineAsync(Usage);
        return CouldNotRun;
    }
}
