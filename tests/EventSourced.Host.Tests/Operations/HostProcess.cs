using EventSourced.Testing;

namespace EventSourced.Host.Tests.Operations;

/// <summary>Runs the host's command line as an operator would: its own build output (src/Host/bin/…), not the copy next to
/// the tests (JasperFx scans the folder it runs from for command assemblies, and would find the test framework).</summary>
internal static class HostProcess
{
    /// <summary>The host's build output of the configuration and framework the tests were built for.</summary>
    public static string Directory
    {
        get
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(DotnetProcess.RepositoryRoot, "src", "Host", "bin", tests.Parent!.Name, tests.Name);
        }
    }

    public static string Assembly => Path.Combine(Directory, "EventSourced.Host.dll");

    public static Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        return DotnetProcess.RunAsync(Directory, environment, [Assembly, .. args]);
    }

    /// <summary>Runs the host's command line with stdout and stderr apart; <paramref name="environment"/> is added to the
    /// process's environment (configuration in <c>Section__Key</c> form; null removes a variable).</summary>
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunSeparatelyAsync(
        IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        DotnetProcess.RunSeparatelyAsync(Directory, environment, [Assembly, .. args]);
}
