using EventSourced.Projections.Enrollments;
using Marten;
using Spectre.Console;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>dotnet run --project src/Host -- backfill-programs [--dry-run]</c>: links legacy enrollments to the active program of
/// their programType (runbook 000's 001_backfill_programs, done with events), then prints the counts.
/// </summary>
public static class BackfillProgramsCommand
{
    public const string Name = "backfill-programs";
    public const string DryRunFlag = "--dry-run";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>The arguments the host's configuration may see (the command's own are removed).</summary>
    public static string[] HostArguments(string[] args) => Matches(args) ? args.Skip(1).Where(a => a != DryRunFlag).ToArray() : args;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var dryRun = args.Contains(DryRunFlag);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        BackfillReport report;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            report = await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask(dryRun ? "Checking legacy enrollments (dry run)" : "Linking legacy enrollments");
                var result = await EnrollmentBackfill.RunAsync(store, dryRun, clock,
                    new Progress<BackfillProgress>(p => (task.MaxValue, task.Value) = (Math.Max(p.Total, 1), p.Done)));
                task.Value = task.MaxValue;
                return result;
            });
        }
        else
        {
            report = await EnrollmentBackfill.RunAsync(store, dryRun, clock);
        }

        var verb = dryRun ? "would be linked" : "linked";
        Console.WriteLine($"backfill-programs{(dryRun ? " (dry run, nothing written)" : string.Empty)}: " +
            $"{report.Linked} {verb}, {report.StillUnmatched} still unmatched, {report.AlreadyLinked} already linked, " +
            $"{report.SkippedAsDuplicate} skipped (user already enrolled in that program)");
        return 0;
    }
}
