using System.Net;
using EventSourced.Host.Cli;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Host.Tests.Operations;

namespace EventSourced.Host.Tests.Cli;

/// <summary>Issue 19 §3 and §4 from the command line, as an operator runs them (a separate process on the service's
/// database): <c>archive</c> (dry run first) and <c>forget-user</c>, and what they refuse.</summary>
public sealed class RetentionCommandsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Archive_plans_then_archives_a_decided_approval_whose_history_stays_readable()
    {
        var pending = await fixture.PendingAsync("cli-archive");
        var approvalId = pending.ApprovalRequestId!.Value;
        await fixture.DecideAsync(approvalId, ApprovalRequests.Reject("reviewer-3", "Budget cut"));

        var plan = await RunAsync("archive", "--decided-before", "2030-01-01", "--dry-run");
        plan.ExitCode.ShouldBe(ArchiveCommand.Done, plan.StandardError);
        plan.StandardOutput.ShouldContain("would archive 1 approval(s) decided before 2030-01-01 and 2 stream(s) with them");
        (await fixture.Host.GetAsync($"/approvals/{approvalId}")).Status.ShouldBe(HttpStatusCode.OK, "a dry run changes nothing");

        var run = await RunAsync("archive", "--decided-before", "2030-01-01", "--operator", "ops-7", "--reason", "retention 90 days");
        run.ExitCode.ShouldBe(ArchiveCommand.Done, run.StandardError);
        run.StandardOutput.ShouldContain("archived 1 approval(s) decided before 2030-01-01: 2 stream(s), 2 read row(s) removed");
        (await fixture.Host.GetAsync($"/approvals/{approvalId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.Host.GetAsync($"/approvals/{approvalId}/history")).Status.ShouldBe(HttpStatusCode.OK);
        (await fixture.Host.GetAsync($"/campaigns/{pending.Id}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("archive")]
    [InlineData("archive", "--decided-before", "last-year", "--operator", "ops-1")]
    [InlineData("archive", "--decided-before", "2030-01-01")]
    [InlineData("forget-user", "user-1", "--operator", "dpo-1")]
    [InlineData("forget-user", "--operator", "dpo-1", "--reason", "no user named")]
    public async Task Bad_arguments_exit_2_with_the_usage(params string[] args)
    {
        var result = await RunAsync(args);

        result.ExitCode.ShouldBe(2, result.StandardOutput);
        result.StandardError.ShouldContain($"usage: {args[0]}");
    }

    private Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(params string[] args) =>
        HostProcess.RunSeparatelyAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = fixture.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        }, args);
}
