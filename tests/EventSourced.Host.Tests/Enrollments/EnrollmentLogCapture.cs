using EventSourced.Handlers.Enrollments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary>
/// Records the enrollment log lines (category <see cref="EnrollmentLog"/>) a host writes, as an operator reading the log
/// would see them. Attached to a running host's logger factory; tests share a host per class, so each test picks its own
/// lines by something unique to it (a user id).
/// </summary>
internal sealed class EnrollmentLogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public static EnrollmentLogCapture AttachTo(HostFixture fixture)
    {
        var capture = new EnrollmentLogCapture();
        fixture.Host.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        return capture;
    }

    /// <summary>Lines that mention <paramref name="text"/>, in the order they were written, as "Level: message".</summary>
    public string[] LinesMentioning(string text) => _lines.Where(l => l.Contains(text, StringComparison.Ordinal)).ToArray();

    public ILogger CreateLogger(string categoryName) =>
        categoryName == typeof(EnrollmentLog).FullName ? new Recorder(_lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
