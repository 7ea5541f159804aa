using Microsoft.Extensions.Logging.Console;

namespace EventSourced.Host.Observability;

/// <summary>
/// Every console log line goes to stderr, whatever its level, so stdout carries only what a command prints for people and
/// machines: <c>integrity check --json | jq</c>, <c>TOKEN=$(… token …)</c>. For the whole host, the server included, rather
/// than per command: one rule is simpler to rely on, and service managers and container runtimes collect both streams.
/// <c>Logging:Console:LogToStandardErrorThreshold</c>, when configured, still decides.
/// </summary>
public static class ConsoleLogging
{
    public const string ThresholdKey = "Logging:Console:LogToStandardErrorThreshold";

    public static WebApplicationBuilder LogToStandardError(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[ThresholdKey]))
        {
            builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }
}
