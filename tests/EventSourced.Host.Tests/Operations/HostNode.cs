using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace EventSourced.Host.Tests.Operations;

/// <summary>
/// One node of a cluster: the real host (<c>dotnet src/Host/bin/…/EventSourced.Host.dll</c>) as a separate process on its own
/// loopback port, as an operator runs it, logging one JSON object per line for the test to read back. Disposing kills the
/// process tree whatever state it is in.
/// </summary>
internal sealed class HostNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostNode(string name, Uri address, ProcessStartInfo start)
    {
        Name = name;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts <c>EventSourced.Host.dll --urls http://127.0.0.1:{port}</c> on <paramref name="connectionString"/>, without
    /// authentication and rate limit (the tests are about sharing work, not about access), logging JSON; <paramref name="settings"/>
    /// are more environment variables (configuration in <c>Section__Key</c> form).</summary>
    public static HostNode Start(string name, int port, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = connectionString,
            ["Authentication__Disabled"] = "true",
            ["RateLimiting__Writes__PermitLimit"] = "0",
            ["Logging__Console__FormatterName"] = "json",
            ["ASPNETCORE_URLS"] = null,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return StartWith(name, new Uri($"http://127.0.0.1:{port}"), ["--urls", $"http://127.0.0.1:{port}"], environment);
    }

    /// <summary>Starts <c>EventSourced.Host.dll <paramref name="args"/></c> with only <paramref name="environment"/> added to the
    /// test run's environment (a null value removes a variable); <paramref name="address"/> is where it should answer.</summary>
    public static HostNode StartWith(string name, Uri address, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = HostProcess.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args.Prepend(HostProcess.Assembly))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return new HostNode(name, address, start);
    }

    /// <summary>Waits for the process to end by itself (e.g. a refused start) and returns its exit code; fails, with the
    /// output, if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} was still running after {timeout}:\n{Output}");
        }

        _process.WaitForExit(); // and until its output is read to the end
        return _process.ExitCode;
    }

    /// <summary><paramref name="count"/> distinct free loopback ports (all held open until every one is found).</summary>
    public static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails early, with the output, if the process exits.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready", cancellation);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (started.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout}:\n{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
        }
    }

    public async Task<NodeReply> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request, cancellation);
        return new NodeReply(Name, $"{method} {path}", response.StatusCode, await response.Content.ReadAsStringAsync(cancellation));
    }

    /// <summary>The JSON log entries (Microsoft's JSON console formatter) of <paramref name="category"/> written so far.</summary>
    public IReadOnlyList<JsonElement> LogEntries(string category)
    {
        var entries = new List<JsonElement>();
        foreach (var line in _output)
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var entry = JsonDocument.Parse(line);
            if (entry.RootElement.TryGetProperty("Category", out var c) && c.GetString() == category)
            {
                entries.Add(entry.RootElement.Clone());
            }
        }

        return entries;
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a pulled plug ends a process: no shutdown code runs, nothing is
    /// flushed or released.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed; the wait only collects the exit.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}

/// <summary>What a node answered: status and body, with the request for failure messages.</summary>
internal sealed record NodeReply(string Node, string Request, HttpStatusCode Status, string Body)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public Guid Id => Json.GetProperty("id").GetGuid();

    public override string ToString() => $"{Node}: {Request} -> {(int)Status} {Body}";
}
