using System.Text.Json;
using EventSourced.Host.Cli;
using EventSourced.Host.Tests.Templates;
using EventSourced.Projections.Integrity;
using EventSourced.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EventSourced.Host.Tests.Integrity;

/// <summary><c>integrity check|repair</c> as an operator runs it: output, JSON, and exit codes 0 / 1 / 2.</summary>
public sealed class IntegrityCommandTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Check_exits_0_when_clean_1_with_findings_and_repair_brings_it_back_to_0()
    {
        var template = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("integrity-cli"))).Template;
        (await RunAsync(fixture.Store, "check")).ExitCode.ShouldBe(IntegrityCommand.Clean);

        await Sql.ExecuteAsync(fixture.ConnectionString, $"delete from program_templates where id = '{template.Id}'");
        var check = await RunAsync(fixture.Store, "check");
        check.ExitCode.ShouldBe(IntegrityCommand.Findings);
        check.Output.ShouldContain($"missing row {template.Id}");
        check.Output.ShouldContain("findings: missing-row 1");

        var json = await RunAsync(fixture.Store, "check", "--json", "--table", "program_templates");
        json.ExitCode.ShouldBe(IntegrityCommand.Findings);
        var report = JsonDocument.Parse(json.Output).RootElement;
        report.GetProperty("tables").GetArrayLength().ShouldBe(1);
        report.GetProperty("tables")[0].GetProperty("missing")[0].GetGuid().ShouldBe(template.Id);

        var before = await Sql.EventCountAsync(fixture.ConnectionString);
        var plan = await RunAsync(fixture.Store, "repair", "--dry-run");
        plan.ExitCode.ShouldBe(IntegrityCommand.Findings);
        plan.Output.ShouldContain($"program_templates {template.Id}: would re-project");
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from program_templates where id = '{template.Id}'")).ShouldBe(0);

        var repair = await RunAsync(fixture.Store, "repair", "--operator", "ops-oncall");
        repair.ExitCode.ShouldBe(IntegrityCommand.Clean);
        repair.Output.ShouldContain($"program_templates {template.Id}: re-projected");
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from program_templates where id = '{template.Id}'")).ShouldBe(1);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(before);

        var again = await RunAsync(fixture.Store, "repair", "--operator", "ops-oncall");
        again.ExitCode.ShouldBe(IntegrityCommand.Clean);
        again.Output.ShouldContain("0 row(s) re-projected, 0 failed, 0 event(s) appended, 0 refused");
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("check", "--table", "no_such_table")]
    [InlineData("check", "--bogus")]
    [InlineData("repair")]
    [InlineData("repair", "--kind", "no-such-kind", "--operator", "x")]
    [InlineData("check", "--table")]
    [InlineData("quarantine", "--operator", "ops-1", "--reason", "no event named")]
    [InlineData("quarantine", "--event", "1", "--operator", "ops-1")]
    [InlineData("quarantine", "--event", "1", "--reason", "no operator")]
    [InlineData("quarantine", "--event", "9223372036854775807", "--operator", "ops-1", "--reason", "no such event")]
    public async Task Bad_arguments_exit_2_with_the_usage(params string[] args)
    {
        var result = await RunAsync(fixture.Store, args);

        result.ExitCode.ShouldBe(IntegrityCommand.CouldNotRun);
        result.Output.ShouldContain("usage: integrity check");
    }

    [Fact]
    public async Task An_unreachable_database_exits_2()
    {
        await using var unreachable = UnreachableStore.Create();

        var result = await RunAsync(unreachable, "check");

        result.ExitCode.ShouldBe(IntegrityCommand.CouldNotRun);
        result.Output.ShouldContain("integrity check could not run");
    }

    private async Task<(int ExitCode, string Output)> RunAsync(IDocumentStore store, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        var command = new IntegrityCommand(store, fixture.Clock, fixture.Host.Services.GetRequiredService<IntegrityMetrics>(), output, console);
        var exitCode = await command.RunAsync(CommandLineArguments.Parse(args, IntegrityCommand.Flags, IntegrityCommand.Valued),
            TestContext.Current.CancellationToken);
        return (exitCode, output.ToString());
    }
}
