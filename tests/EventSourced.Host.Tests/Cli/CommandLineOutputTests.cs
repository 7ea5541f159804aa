using EventSourced.Host.Cli;
using EventSourced.Host.Tests.Operations;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Cli;

/// <summary>What a person sees from the host's command line (issue 17 §4): JasperFx's commands without its
/// "Searching '…' for commands" preamble, and Marten's daemon rebuild (which empties the live tables and then waits for
/// CTRL+C) refused with the command that rebuilds while the service runs.</summary>
public sealed class CommandLineOutputTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    [Fact]
    public async Task Help_lists_the_commands_without_the_assembly_search_preamble()
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunSeparatelyAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = db.ConnectionString,
        }, "help");

        exitCode.ShouldBe(0, stderr);
        stdout.ShouldContain("db-apply");
        stdout.ShouldContain("projections");
        stdout.ShouldNotContain("Searching");
        stdout.ShouldNotContain("for commands");
    }

    [Fact]
    public async Task Projections_rebuild_is_refused_with_the_rebuild_that_keeps_the_tables_live()
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunSeparatelyAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = db.ConnectionString,
        }, "projections", "rebuild");

        exitCode.ShouldBe(RebuildCommand.CouldNotRun, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        stderr.ShouldContain("usage: rebuild [--table <table>]");
        stdout.ShouldNotContain("Press CTRL + C");
        stdout.ShouldNotContain("Starting to rebuild");
    }
}
