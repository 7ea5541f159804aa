using System.Globalization;

namespace EventSourced.Bench;

/// <summary>The command line: <c>--events 100000[,1000000] [--scenario command|http|rebuild|integrity|broker|all|seed] [--connection …] [--rabbitmq amqp://…] [--keep]
/// [--workers 8] [--ops 2000] [--requests 1000] [--output bench/results]</c>.</summary>
public sealed record BenchOptions
{
    public const string ConnectionVariable = "EVENTSOURCED_BENCH_POSTGRES";

    public static readonly string[] AllScenarios = ["integrity", "rebuild", "command", "http", "broker"];

    /// <summary>Store sizes, in events, ascending. The database grows from one to the next, so every size after the first is
    /// the same streams plus new ones of the same shape.</summary>
    public IReadOnlyList<long> Sizes { get; init; } = [100_000];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>A server where the user may CREATE DATABASE; null starts the host's embedded cluster.</summary>
    public string? Connection { get; init; }

    /// <summary>The broker scenario's RabbitMQ (an AMQP URI); unset: a private node from the local rabbitmq-server package.</summary>
    public string? RabbitMq { get; init; }

    /// <summary>Keep the database afterwards (its name is printed).</summary>
    public bool Keep { get; init; }

    /// <summary>Concurrent workers of the command path (all three variants) and HTTP clients.</summary>
    public int Workers { get; init; } = 8;

    /// <summary>Timed commands per command-path variant (after a warm-up of a tenth as many).</summary>
    public int Ops { get; init; } = 2000;

    /// <summary>Timed HTTP requests per endpoint (after a warm-up of a tenth as many).</summary>
    public int Requests { get; init; } = 1000;

    /// <summary>Drifted streams the targeted repair fixes.</summary>
    public int DriftedStreams { get; init; } = 100;

    /// <summary>Run the host with Npgsql's automatic statement preparation off (<c>Max Auto Prepare=0</c>): the figures as
    /// they were before the host turned it on.</summary>
    public bool NoAutoPrepare { get; init; }

    /// <summary>Folder the Markdown results are written to (one file per run).</summary>
    public string Output { get; init; } = Path.Combine("bench", "results");

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions { Connection = NullIfEmpty(Environment.GetEnvironmentVariable(ConnectionVariable)) };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            options = arg switch
            {
                "--events" => options with { Sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseCount).Order().ToArray() },
                "--scenario" => options with { Scenarios = ParseScenarios(Value()) },
                "--connection" => options with { Connection = Value() },
                "--rabbitmq" => options with { RabbitMq = Value() },
                "--keep" => options with { Keep = true },
                "--no-auto-prepare" => options with { NoAutoPrepare = true },
                "--workers" => options with { Workers = (int)ParseCount(Value()) },
                "--ops" => options with { Ops = (int)ParseCount(Value()) },
                "--requests" => options with { Requests = (int)ParseCount(Value()) },
                "--drifted" => options with { DriftedStreams = (int)ParseCount(Value()) },
                "--output" => options with { Output = Value() },
                _ => throw new ArgumentException($"Unknown option {arg}. Options: --events N[,N…] --scenario {string.Join('|', AllScenarios)}|all " +
                    "--connection <npgsql connection string> --rabbitmq <amqp uri> --keep --no-auto-prepare --workers N --ops N --requests N --drifted N --output <folder>"),
            };
        }

        return options;
    }

    // 100000, 100_000, 100k, 1m
    private static long ParseCount(string text)
    {
        text = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var factor = text.EndsWith('k') ? 1_000 : text.EndsWith('m') ? 1_000_000 : 1;
        var digits = factor == 1 ? text : text[..^1];
        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * factor;
        return value > 0 ? value : throw new ArgumentException($"'{text}' must be positive.");
    }

    private static IReadOnlyList<string> ParseScenarios(string text)
    {
        var requested = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (requested.Contains("all"))
        {
            return AllScenarios;
        }

        if (requested is ["seed"])
        {
            return []; // only seed (with --keep: a database to experiment on)
        }

        var unknown = requested.Except(AllScenarios).ToArray();
        return unknown.Length == 0
            ? AllScenarios.Where(requested.Contains).ToArray()
            : throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}, all.");
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
