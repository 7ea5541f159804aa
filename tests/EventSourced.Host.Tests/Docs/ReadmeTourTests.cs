using System.Diagnostics;
using System.Text.RegularExpressions;
using EventSourced.Host.Tests.Operations;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Docs;

/// <summary>
/// The README's tour, run as a newcomer runs it: its bash blocks, in order, in one shell (curl and jq), against a host process
/// started as "Two commands" says, on a database of its own. Every output the README promises (the <c># {…}</c>, <c># […]</c>
/// and status lines after a command) must be printed, so the tour cannot rot.
/// </summary>
public sealed partial class ReadmeTourTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_tour_works_when_pasted_in_order_and_prints_what_it_promises()
    {
        var blocks = TourBlocks(await File.ReadAllTextAsync(Path.Combine(DotnetProcess.RepositoryRoot, "README.md"), TestContext.Current.CancellationToken));
        blocks.Count.ShouldBeGreaterThanOrEqualTo(5);
        var port = HostNode.FreeLoopbackPorts(1)[0];
        await using var host = HostNode.Start("readme", port, db.ConnectionString);
        await host.WaitUntilReadyAsync(Deadline, TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunBashAsync(string.Join('\n', blocks), host.Address.ToString().TrimEnd('/'));

        exitCode.ShouldBe(0, $"the tour stopped with {exitCode}:\n{output}\n--- host:\n{host.Output}");
        var printed = output.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var promised = blocks.SelectMany(b => b.Split('\n')).Select(l => Promise().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)
            .Where(p => !p.Contains('…', StringComparison.Ordinal)).ToList();
        promised.Count.ShouldBeGreaterThanOrEqualTo(8);
        promised.Where(p => !printed.Contains(p)).ShouldBeEmpty($"promised by the README but not printed:\n{output}");
    }

    /// <summary>The bash blocks between the README's tour markers.</summary>
    private static List<string> TourBlocks(string readme)
    {
        var start = readme.IndexOf("<!-- tour:start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- tour:end -->", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "the README marks its tour");
        return BashBlock().Matches(readme[start..end]).Select(m => m.Groups[1].Value).ToList();
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script, string api)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-euo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["API"] = api;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    // "# {...}", "# [...]" or "# 409" on a line of its own: what the command above prints.
    [GeneratedRegex(@"^# ([\[{].*[\]}]|\d{3})$")]
    private static partial Regex Promise();
}
