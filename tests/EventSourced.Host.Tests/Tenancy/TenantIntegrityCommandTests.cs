using System.Net;
using System.Text.Json;
using EventSourced.Host.Cli;
using EventSourced.Host.Tests.Templates;
using EventSourced.Projections.Integrity;
using EventSourced.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EventSourced.Host.Tests.Tenancy;

/// <summary>
/// <c>integrity check|repair</c> in a tenanted host: every tenant by default (a JSON array, one report per tenant), or one
/// with <c>--tenant</c>; drift planted in one tenant's row is found and repaired there, the other tenant untouched.
/// </summary>
public abstract class TenantIntegrityCommandTests<TFixture>(TFixture fixture)
    where TFixture : TenantHostFixture
{
    [Fact]
    public async Task Drift_in_one_tenant_is_found_by_the_check_of_every_tenant_and_repaired_with_tenant_without_touching_the_other()
    {
        var ofA = await fixture.A.IdOfAsync(fixture.A.PostAsync("/templates", TemplateRequests.Create("cli-drift")));
        var ofB = await fixture.B.IdOfAsync(fixture.B.PostAsync("/templates", TemplateRequests.Create("cli-drift")));
        (await RunAsync("check")).ExitCode.ShouldBe(IntegrityCommand.Clean);

        await Sql.ExecuteAsync(fixture.ConnectionStringOf("a"), $"update program_templates set name = 'hand edited' where tenant_id = 'a' and id = '{ofA}'");
        var rowsOfB = await TemplatesOfBAsync();
        var eventsOfB = await fixture.EventCountAsync("b");

        var check = await RunAsync("check", "--json");
        check.ExitCode.ShouldBe(IntegrityCommand.Findings);
        var reports = JsonDocument.Parse(check.Output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("tenantId").GetString()!);
        reports.Keys.ShouldBe(["a", "b"], ignoreOrder: true);
        reports["a"].GetProperty("isClean").GetBoolean().ShouldBeFalse();
        reports["b"].GetProperty("isClean").GetBoolean().ShouldBeTrue();
        (await RunAsync("check", "--tenant", "b")).ExitCode.ShouldBe(IntegrityCommand.Clean);
        (await fixture.A.GetAsync("/admin/integrity")).Body.ShouldContain("hand edited");

        var repair = await RunAsync("repair", "--operator", "ops-1", "--tenant", "a");
        repair.ExitCode.ShouldBe(IntegrityCommand.Clean, repair.Output);
        repair.Output.ShouldContain($"program_templates {ofA}: re-projected");
        repair.Output.ShouldContain("Repair of tenant a");

        (await fixture.A.GetAsync($"/templates/{ofA}")).Template.Name.ShouldBe("Tech Worker Mentorship");
        (await fixture.B.GetAsync($"/templates/{ofB}")).Status.ShouldBe(HttpStatusCode.OK);
        (await TemplatesOfBAsync()).ShouldBe(rowsOfB);
        (await fixture.EventCountAsync("b")).ShouldBe(eventsOfB);
        var after = await RunAsync("check");
        after.ExitCode.ShouldBe(IntegrityCommand.Clean, after.Output);
        after.Output.ShouldContain("Integrity check of tenant a");
        after.Output.ShouldContain("Integrity check of tenant b");
    }

    private async Task<string> TemplatesOfBAsync() =>
        string.Join('\n', (await Sql.QueryAsync(fixture.ConnectionStringOf("b"), "select t::text as row from program_templates t where tenant_id = 'b' order by id"))
            .Select(r => r["row"]));

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        var services = fixture.Host.Services;
        var command = new IntegrityCommand(services.GetRequiredService<IDocumentStore>(), fixture.Clock, services.GetRequiredService<IntegrityMetrics>(),
            output, console, tenanted: true);
        var exitCode = await command.RunAsync(CommandLineArguments.Parse(args, IntegrityCommand.Flags, IntegrityCommand.Valued),
            TestContext.Current.CancellationToken);
        return (exitCode, output.ToString());
    }
}

public sealed class ConjoinedTenantIntegrityCommandTests(ConjoinedHostFixture fixture)
    : TenantIntegrityCommandTests<ConjoinedHostFixture>(fixture), IClassFixture<ConjoinedHostFixture>;

public sealed class DatabaseTenantIntegrityCommandTests(DatabaseHostFixture fixture)
    : TenantIntegrityCommandTests<DatabaseHostFixture>(fixture), IClassFixture<DatabaseHostFixture>;
