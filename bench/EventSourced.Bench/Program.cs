using System.Globalization;
using EventSourced.Bench;
using EventSourced.Bench.Measuring;
using EventSourced.Bench.Reporting;
using EventSourced.Bench.Scenarios;
using EventSourced.Testing;
using EventSourced.Bench.Seeding;
using Spectre.Console;

// The benchmarks of issue #8. One command (see bench/README.md):
//   dotnet run -c Release --project bench/EventSourced.Bench -- --events 100000 [--scenario command|http|rebuild|integrity|all]
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
    return 2;
}

#if DEBUG
AnsiConsole.MarkupLine("[yellow]Debug build: figures are not representative; run with -c Release.[/]");
#endif

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200; // a log file: no terminal width to wrap the table at
}

var started = DateTimeOffset.UtcNow;
var loadAtStart = Machine.LoadAverage();
AnsiConsole.MarkupLine($"[bold]EventSourced benchmarks[/]: sizes {string.Join(", ", options.Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} events, " +
    $"scenarios {string.Join(", ", options.Scenarios)}, {options.Workers} workers" +
    (options.NoAutoPrepare ? ", statement preparation off" : string.Empty));
AnsiConsole.MarkupLine($"[grey]{Markup.Escape(Machine.Describe())}; load average {loadAtStart}[/]");

var results = new Results();
await using var database = await BenchDatabase.CreateAsync(options);
AnsiConsole.MarkupLine($"[grey]database {database.Name} on {Markup.Escape(database.ServerDescription)}{(options.Keep ? " (kept afterwards)" : string.Empty)}[/]");
IntegritySample? previous = null;
var hostConnection = options.NoAutoPrepare
    ? new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxAutoPrepare = 0 }.ConnectionString
    : database.ConnectionString;
// The broker scenario's RabbitMQ: the one given, else a private node from the local package, stopped at the end.
LocalRabbitMqNode? rabbitNode = null;
var amqp = options.Runs("broker") ? options.RabbitMq : null;
if (options.Runs("broker") && amqp is null)
{
    rabbitNode = await LocalRabbitMqNode.StartAsync(Path.Combine(Path.GetTempPath(), $"eventsourced-bench-rabbitmq-{Guid.NewGuid():N}"[..40]));
    amqp = $"amqp://guest:guest@127.0.0.1:{rabbitNode.Port}/";
    AnsiConsole.MarkupLine($"[grey]RabbitMQ: local node {Markup.Escape(rabbitNode.NodeName)} on port {rabbitNode.Port}[/]");
}

await using (var host = await BenchHost.StartAsync(hostConnection, amqp))
{
    var context = new BenchContext(options, database, host, new Seeder(host.Store, database.ConnectionString), results,
        EventSourced.Host.Postgres.MartenConnection.WithStatementPreparation(hostConnection));
    foreach (var size in options.Sizes)
    {
        AnsiConsole.Write(new Rule($"{size:N0} events"));
        var seeded = await context.Seeder.GrowToAsync(size, line => AnsiConsole.MarkupLine($"  [grey]seed {Markup.Escape(line)}[/]"));
        results.Note($"seeding to {seeded.EventsInStore:N0} events: {seeded.EventsAdded:N0} added in {seeded.Elapsed.TotalSeconds:F0} s " +
            $"({seeded.EventsAdded / Math.Max(seeded.Elapsed.TotalSeconds, 0.001):N0} events/s through the store with the inline projections, " +
            $"{Seeder.StreamsPerCommit} streams per transaction, {Seeder.Parallelism} in parallel); load average {Machine.LoadAverage()}");

        // What autovacuum does to a live store between bulk loads: without it the first scans pay for freshly loaded rows'
        // visibility (hint bits, visibility map) and the first rebuild deletes and re-inserts rows no vacuum has seen.
        var vacuum = System.Diagnostics.Stopwatch.StartNew();
        await context.ExecuteAsync("vacuum (analyze)");
        results.Note($"vacuum (analyze) after seeding: {vacuum.Elapsed.TotalSeconds:F1} s");

        if (options.Runs("integrity"))
        {
            AnsiConsole.MarkupLine("[bold]integrity check[/]");
            previous = await IntegrityScenario.RunAsync(context, previous);
        }

        if (options.Runs("rebuild"))
        {
            AnsiConsole.MarkupLine("[bold]rebuild[/]");
            await RebuildScenario.RunAsync(context);
        }

        if (options.Runs("command"))
        {
            AnsiConsole.MarkupLine("[bold]command path[/]");
            await CommandScenario.RunAsync(context);
        }

        if (options.Runs("http"))
        {
            AnsiConsole.MarkupLine("[bold]HTTP[/]");
            await HttpScenario.RunAsync(context);
        }

        if (options.Runs("broker"))
        {
            AnsiConsole.MarkupLine("[bold]broker[/]");
            await BrokerScenario.RunAsync(context, amqp!);
        }
    }
}

if (rabbitNode is not null)
{
    await rabbitNode.StopAsync();
}

results.PrintTable();
var run = new RunInfo(started, "dotnet run -c Release --project bench/EventSourced.Bench -- " + string.Join(' ', args), Machine.Describe(),
    database.ServerDescription, loadAtStart, Machine.LoadAverage(), DateTimeOffset.UtcNow - started);
Directory.CreateDirectory(options.Output);
var file = Path.Combine(options.Output, $"results-{started:yyyyMMdd-HHmmss}.md");
await File.WriteAllTextAsync(file, results.ToMarkdown(run));
AnsiConsole.MarkupLine($"Results written to [bold]{Markup.Escape(file)}[/]");
return 0;
