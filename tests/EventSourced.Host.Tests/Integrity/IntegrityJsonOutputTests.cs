using System.Text.Json;
using EventSourced.Host.Cli;
using EventSourced.Host.Tests.Operations;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Integrity;

/// <summary><c>integrity check --json</c> as a script runs it (<c>| jq</c>): stdout is the report and nothing else, however
/// much the host logs; the logs go to stderr.</summary>
public sealed class IntegrityJsonOutputTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    [Fact]
    public async Task Stdout_of_check_json_is_one_json_document_while_the_logs_go_to_stderr()
    {
        // Information everywhere (Marten also logs the schema it creates on a fresh database): as chatty as the host gets.
        var (exitCode, stdout, stderr) = await HostProcess.RunSeparatelyAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = db.ConnectionString,
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Marten"] = "Information",
            ["Logging__LogLevel__Wolverine"] = "Information",
        }, "integrity", "check", "--json");

        exitCode.ShouldBe(IntegrityCommand.Clean, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        using var report = JsonDocument.Parse(stdout); // throws on any line that is not the report
        report.RootElement.GetProperty("tables").GetArrayLength().ShouldBeGreaterThan(0);
        report.RootElement.GetProperty("isClean").GetBoolean().ShouldBeTrue();
        stderr.ShouldContain("info: Wolverine", customMessage: "the host did log, to stderr");
    }

    [Fact]
    public async Task A_bad_argument_is_explained_on_stderr_and_leaves_stdout_empty()
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunSeparatelyAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = db.ConnectionString,
        }, "integrity", "check", "--json", "--table", "no_such_table");

        exitCode.ShouldBe(IntegrityCommand.CouldNotRun);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("usage: integrity check");
    }
}
