using System.Diagnostics;

namespace EventSourced.Host.Tests.Operations;

/// <summary>Runs the host's command line as an operator would: its own build output (src/Host/bin/…), not the copy next to
/// the tests (JasperFx scans the folder it runs from for command assemblies, and would find the test framework).</summary>
internal static class HostProcess
{
    private static string HostDirectory
    {
        get
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var (framework, configuration) = (tests.Name, tests.Parent!.Name);
            var root = tests;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "EventSourced.sln")))
            {
                root = root.Parent;
            }

            return Path.Combine(root?.FullName ?? throw new InvalidOperationException("EventSourced.sln not found above the tests"),
                "src", "Host", "bin", configuration, framework);
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = HostDirectory,
        };
        start.ArgumentList.Add(Path.Combine(HostDirectory, "EventSourced.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Marten"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
