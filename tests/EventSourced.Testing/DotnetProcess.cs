using System.Diagnostics;

namespace EventSourced.Testing;

/// <summary>Runs <c>dotnet …</c> as a separate process (the host's command line, a consumer build), as an operator would.</summary>
public static class DotnetProcess
{
    /// <summary>The checkout's root (the folder holding EventSourced.sln), found upwards from the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EventSourced.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("EventSourced.sln not found above the tests");
        }
    }

    /// <param name="environment">Variables to set; a null value removes the variable (e.g. the test run's own MSBuild settings).</param>
    /// <returns>The exit code, and stdout followed by stderr.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment,
        params string[] args)
    {
        var (exitCode, standardOutput, standardError) = await RunSeparatelyAsync(workingDirectory, environment, args);
        return (exitCode, standardOutput + standardError);
    }

    /// <summary>As <see cref="RunAsync"/>, keeping stdout and stderr apart (for output meant for machines, e.g. <c>--json</c>).</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunSeparatelyAsync(string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
