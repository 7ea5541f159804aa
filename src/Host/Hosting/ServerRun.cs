namespace EventSourced.Host.Hosting;

/// <summary>
/// Runs the server when no command is named: no arguments, or only switches (<c>--urls http://…</c>,
/// <c>--EmbeddedPostgres:DataDirectory=/srv/pg</c>, <c>--Workflow:Disable90PercentWorkflow=true</c>), which the host's
/// configuration reads like environment variables. JasperFx's command line would take such switches as flags of its
/// <c>run</c> command and refuse the ones it does not know (after PostgreSQL was already started), and it exits 0 even when
/// the host failed to start (a refused start looked like success to systemd, Docker or a script). Here a failed start exits
/// 1. A command (<c>db-apply</c>, <c>projections</c>, <c>help</c>…) is always named first, so it still goes to JasperFx.
/// </summary>
public static class ServerRun
{
    public const int Failed = 1;

    /// <summary>The exit code of a command that could not run (the host's commands all use it).</summary>
    public const int CommandCouldNotRun = 2;

    /// <summary>Whether this process was started as the host (not a test server, whose factory runs the entry point and
    /// wants the exceptions).</summary>
    public static bool InOwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(ServerRun).Assembly;

    public static bool Matches(string[] args) => args.Length == 0 || args[0].StartsWith('-');

    public static async Task<int> RunAsync(WebApplication app)
    {
        // Under an in-memory test server (WebApplicationFactory, Alba) the factory that started this entry point reports the
        // failure itself; swallowing it here would leave the factory with a disposed host instead of the reason.
        var inMemory = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().Name == "TestServer";
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (!inMemory)
        {
            // The host has logged the failure; this line also reaches an operator whose log level hides it.
            await Console.Error.WriteLineAsync($"The host did not start: {ex.Message}");
            return Failed;
        }
    }
}
