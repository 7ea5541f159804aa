using EventSourced.Handlers.Enrollments;
using EventSourced.Host.Tenancy;
using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Tenancy;
using Marten;
using Spectre.Console;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>dotnet run --project src/Host -- backfill-programs [--dry-run] [--tenant id]</c>: links legacy enrollments to the active
/// program of their programType (runbook 000's 001_backfill_programs, done with events), then prints the counts. In a tenanted
/// host every tenant is backfilled in turn (each enrollment only to its own tenant's programs), or only <c>--tenant</c>'s.
/// </summary>
public static class BackfillProgramsCommand
{
    public const string Name = "backfill-programs";
    public const string DryRunFlag = "--dry-run";
    public const string TenantOption = "--tenant";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>The arguments the host's configuration may see (the command's own are removed).</summary>
    public static string[] HostArguments(string[] args)
    {
        if (!Matches(args))
        {
            return args;
        }

        var host = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == TenantOption)
            {
                i++; // and its value
            }
            else if (args[i] != DryRunFlag)
            {
                host.Add(args[i]);
            }
        }

        return [.. host];
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var dryRun = args.Contains(DryRunFlag);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var tenanted = app.Services.GetRequiredService<TenancySettings>().IsTenanted;
        var tenantIndex = Array.IndexOf(args, TenantOption);
        if (tenantIndex >= 0 && tenantIndex == args.Length - 1)
        {
            Console.WriteLine($"backfill-programs: {TenantOption} needs a tenant id");
            return 2;
        }

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        IReadOnlyList<string> tenants = tenantIndex >= 0 ? [args[tenantIndex + 1]]
            : tenanted ? await StoreTenants.AllAsync(store)
            : [TenantKeyedTable.DefaultTenant];
        foreach (var tenant in tenants)
        {
            var report = await BackfillAsync(store, tenant, dryRun, clock);
            var verb = dryRun ? "would be linked" : "linked";
            Console.WriteLine($"backfill-programs{(tenanted ? $" of tenant {tenant}" : string.Empty)}{(dryRun ? " (dry run, nothing written)" : string.Empty)}: " +
                $"{report.Linked} {verb}, {report.StillUnmatched} still unmatched, {report.AlreadyLinked} already linked, " +
                $"{report.SkippedAsDuplicate} skipped (user already enrolled in that program)");
        }

        return 0;
    }

    private static async Task<BackfillReport> BackfillAsync(IDocumentStore store, string tenant, bool dryRun, TimeProvider clock)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await EnrollmentBackfill.RunAsync(store, tenant, dryRun, clock);
        }

        return await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"{(dryRun ? "Checking legacy enrollments (dry run)" : "Linking legacy enrollments")} of {tenant}");
            var result = await EnrollmentBackfill.RunAsync(store, tenant, dryRun, clock,
                new Progress<BackfillProgress>(p => (task.MaxValue, task.Value) = (Math.Max(p.Total, 1), p.Done)));
            task.Value = task.MaxValue;
            return result;
        });
    }
}
