using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Host.Tenancy;
using EventSourced.Projections.Integrity;
using Marten;
using Spectre.Console;

namespace EventSourced.Host.Cli;

/// <summary>Routes <c>integrity …</c>, <c>rebuild …</c>, <c>dead-letters …</c>, <c>forget-user …</c>, <c>archive …</c> and <c>backfill-programs …</c> to the host's own commands.</summary>
public static class HostCommands
{
    /// <summary>The arguments the host's configuration may see (a command's own options are removed).</summary>
    public static string[] HostArguments(string[] args) =>
        IntegrityCommand.Matches(args) ? [.. Parse(args).HostArguments]
        : RebuildCommand.Matches(args) ? [.. ParseRebuild(args).HostArguments]
        : BackfillProgramsCommand.Matches(args) ? BackfillProgramsCommand.HostArguments(args)
        : TokenCommand.Matches(args) ? TokenCommand.HostArguments(args)
        : DeadLettersCommand.Matches(args) ? [.. DeadLettersCommand.Parse(args).HostArguments]
        : ForgetUserCommand.Matches(args) ? [.. ForgetUserCommand.Parse(args).HostArguments]
        : ArchiveCommand.Matches(args) ? [.. ArchiveCommand.Parse(args).HostArguments]
        : args;

    /// <returns>The exit code, or null when the arguments are not one of these commands.</returns>
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (RebuildCommand.IsMartenRebuild(args))
        {
            await Console.Error.WriteLineAsync(RebuildCommand.MartenRebuildRefusal);
            return RebuildCommand.CouldNotRun;
        }

        if (BackfillProgramsCommand.Matches(args))
        {
            return await BackfillProgramsCommand.RunAsync(app, args);
        }

        if (DeadLettersCommand.Matches(args))
        {
            var runtime = app.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>();
            return await new DeadLettersCommand(runtime.Storage.DeadLetters, Console.Out, Console.Error)
                .RunAsync(DeadLettersCommand.Parse(args), app.Lifetime.ApplicationStopping);
        }

        if (ForgetUserCommand.Matches(args))
        {
            return await new ForgetUserCommand(app.Services.GetRequiredService<IDocumentStore>(), app.Services.GetRequiredService<TimeProvider>(),
                Console.Out, Console.Error).RunAsync(ForgetUserCommand.Parse(args), app.Lifetime.ApplicationStopping);
        }

        if (ArchiveCommand.Matches(args))
        {
            return await new ArchiveCommand(app.Services.GetRequiredService<IDocumentStore>(), app.Services.GetRequiredService<TimeProvider>(),
                Console.Out, Console.Error).RunAsync(ArchiveCommand.Parse(args), app.Lifetime.ApplicationStopping);
        }

        var rebuild = RebuildCommand.Matches(args);
        if (!IntegrityCommand.Matches(args) && !rebuild)
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
            await Console.Error.WriteLineAsync($"{args[0]} could not run: the database is not reachable or not migratable: {ex.Message}");
            return IntegrityCommand.CouldNotRun;
        }

        if (rebuild)
        {
            return await new RebuildCommand(store, Console.Out, AnsiConsole.Console, Console.Error).RunAsync(ParseRebuild(args), app.Lifetime.ApplicationStopping);
        }

        var command = new IntegrityCommand(store, app.Services.GetRequiredService<TimeProvider>(), app.Services.GetRequiredService<IntegrityMetrics>(),
            Console.Out, AnsiConsole.Console, app.Services.GetRequiredService<TenancySettings>().IsTenanted, Console.Error,
            app.Services.GetRequiredService<StaleApprovalOptions>().StaleAfter);
        return await command.RunAsync(Parse(args), app.Lifetime.ApplicationStopping);
    }

    private static CommandLineArguments ParseRebuild(string[] args) => CommandLineArguments.Parse(args.Skip(1), RebuildCommand.Flags, RebuildCommand.Valued);

    private static CommandLineArguments Parse(string[] args) => CommandLineArguments.Parse(args.Skip(1), IntegrityCommand.Flags, IntegrityCommand.Valued);
}
