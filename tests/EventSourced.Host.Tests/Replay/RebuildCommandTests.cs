using EventSourced.Host.Cli;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;
using Marten;
using Spectre.Console;

namespace EventSourced.Host.Tests.Replay;

/// <summary><c>rebuild</c> as an operator runs it during an incident: output, exit codes 0 / 1 / 2, and a drifted row repaired.</summary>
public sealed class RebuildCommandTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Rebuild_puts_a_deleted_row_back_and_exits_0_a_dry_run_changes_nothing()
    {
        var template = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("rebuild-cli"))).Template;
        await Sql.ExecuteAsync(fixture.ConnectionString, $"delete from program_templates where id = '{template.Id}'");

        var dryRun = await RunAsync(fixture.Store, "--dry-run", "--table", "program_templates");
        dryRun.ExitCode.ShouldBe(RebuildCommand.Switched);
        dryRun.Output.ShouldContain("not switched: dry run");
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from program_templates where id = '{template.Id}'")).ShouldBe(0);

        var rebuild = await RunAsync(fixture.Store, "--table", "program_templates");
        rebuild.ExitCode.ShouldBe(RebuildCommand.Switched, rebuild.Output);
        rebuild.Output.ShouldContain("switched in");
        rebuild.Output.ShouldContain("program_templates");
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from program_templates where id = '{template.Id}'")).ShouldBe(1);
        (await fixture.Host.GetAsync($"/templates/{template.Id}")).Template.Name.ShouldBe(template.Name);

        // The running host writes into the new table (its prepared statements resolve the name again after the switch).
        var after = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("rebuild-cli-after"))).Template;
        (await fixture.Host.PostAsync($"/templates/{after.Id}/publish", TemplateRequests.PublishKeepingPrevious)).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from program_templates where id = '{after.Id}' and status = 'active'")).ShouldBe(1);
    }

    [Theory]
    [InlineData("--table", "no_such_table")]
    [InlineData("--bogus")]
    [InlineData("now")]
    public async Task Bad_arguments_exit_2_with_the_usage(params string[] args)
    {
        var result = await RunAsync(fixture.Store, args);

        result.ExitCode.ShouldBe(RebuildCommand.CouldNotRun);
        result.Output.ShouldContain("usage: rebuild");
    }

    [Fact]
    public async Task An_unreachable_database_exits_2()
    {
        await using var unreachable = UnreachableStore.Create();

        var result = await RunAsync(unreachable);

        result.ExitCode.ShouldBe(RebuildCommand.CouldNotRun);
        result.Output.ShouldContain("rebuild could not run");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IDocumentStore store, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        var command = new RebuildCommand(store, output, console);
        var exitCode = await command.RunAsync(CommandLineArguments.Parse(args, RebuildCommand.Flags, RebuildCommand.Valued),
            TestContext.Current.CancellationToken);
        return (exitCode, output.ToString());
    }
}
