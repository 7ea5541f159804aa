using EventSourced.Host.Tenancy;
using EventSourced.Projections.Integrity;
using Marten;
using Spectre.Console;

namespace EventSourced.Host.Cli;

/// <summary>Routes <c>integrity …</c> and <c>backfill-programs …</c> to the host's own commands.</summary>
public static class HostCommands
{
    /// <summary>The arguments the host's configuration may see (a command's own options are removed).</summary>
    public static string[] HostArguments(string[] args) =>
        IntegrityCommand.Matches(args) ? [.. Parse(args).HostArguments]
        : BackfillProgramsCommand.Matches(args) ? BackfillProgramsCommand.HostArguments(args)
        : TokenCommand.Matches(args) ? TokenCommand.HostArguments(args)
        : args;

    /// <returns>The exit code, or null when the arguments are not one of these commands.</returns>
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (BackfillProgramsCommand.Matches(args))
        {
            return await BackfillProgramsCommand.RunAsync(app, args);
        }

        if (!IntegrityCommand.Matches(args))
        {
            return null;
        }

        var store = app.Services.GetRequiredService<IDocumentStore>();
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"integrity could not run: the database is not reachable or not migratable: {ex.Message}");
            return IntegrityCommand.CouldNotRun;
        }

        var command = new IntegrityCommand(store, app.Services.GetRequiredService<TimeProvider>(), app.Services.GetRequiredService<IntegrityMetrics>(),
            Console.Out, AnsiConsole.Console, app.Services.GetRequiredService<TenancySettings>().IsTenanted, Console.Error);
        return await command.RunAsync(Parse(args), app.Lifetime.ApplicationStopping);
    }

    private static CommandLineArguments Parse(string[] args) => CommandLineArguments.Parse(args.Skip(1), IntegrityCommand.Flags, IntegrityCommand.Valued);
}
