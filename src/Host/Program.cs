using EventSourced.Host.Cli;
using EventSourced.Host.Hosting;
using EventSourced.Host.Postgres;

var builder = WebApplication.CreateBuilder(BackfillProgramsCommand.HostArguments(args));
await builder.AddEventSourcedHostAsync();

var app = builder.Build();
if (BackfillProgramsCommand.Matches(args))
{
    var exitCode = await BackfillProgramsCommand.RunAsync(app, args);
    if (app.Services.GetService<LocalPostgresCluster>() is { } embedded)
    {
        await embedded.StopIfStartedHereAsync();
    }

    return exitCode;
}

app.UseEventSourcedHost();
await app.RunAsync();
return 0;
