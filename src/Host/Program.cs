using EventSourced.Host.Cli;
using EventSourced.Host.Hosting;
using EventSourced.Operations.Postgres;

// The host's own commands (integrity, backfill-programs, token) take their options out of the arguments; everything else
// (run, projections, resources, describe, help...) is JasperFx's command line.
var builder = WebApplication.CreateBuilder(HostCommands.HostArguments(args));
if (TokenCommand.Matches(args))
{
    return TokenCommand.Run(args, builder.Configuration, Console.Out, Console.Error, TimeProvider.System); // needs no database
}

WebApplication app;
try
{
    await builder.AddEventSourcedHostAsync();
    app = builder.Build();
    app.UseEventSourcedHost();
}
catch (Exception ex) when (ServerRun.InOwnProcess)
{
    // Bad configuration (an invalid setting, a database that cannot be prepared) ends the process with a non-zero exit and
    // one line saying why, not an unhandled-exception abort (134). Under a test server the exception goes to the factory.
    await Console.Error.WriteLineAsync($"The host could not be configured: {ex.Message}");
    return ServerRun.Matches(args) ? ServerRun.Failed : ServerRun.CommandCouldNotRun;
}
var embedded = app.Services.GetService<LocalPostgresCluster>(); // resolved now: JasperFx commands dispose the host
try
{
    return await HostCommands.TryRunAsync(app, args)
        ?? (ServerRun.Matches(args) ? await ServerRun.RunAsync(app) : await JasperFxCommandLine.RunAsync(app, args));
}
finally
{
    // Commands do not start the host, so its lifetime would not stop an embedded server this process started.
    if (embedded is not null)
    {
        await embedded.StopIfStartedHereAsync();
    }
}
