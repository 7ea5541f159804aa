using JasperFx;
using JasperFx.CommandLine;

namespace EventSourced.Host.Cli;

/// <summary>
/// JasperFx's commands (<c>db-apply</c>, <c>projections</c>, <c>describe</c>, <c>help</c>…), without the "Searching
/// '&lt;assembly&gt;' for commands" line JasperFx prints for each of its assemblies before every command.
/// </summary>
public static class JasperFxCommandLine
{
    public static Task<int> RunAsync(WebApplication app, string[] args)
    {
        // JasperFx prints those lines until its (process-wide) "extensions applied" latch is set, which applying an empty set of
        // extensions does; the commands found are the same. (JasperFx's own tests call the lines noise.)
        new CommandFactory().ApplyExtensions(new ServiceCollection());
        return app.RunJasperFxCommands(args);
    }
}
