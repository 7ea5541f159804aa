using System.Globalization;
using System.Text;
using Spectre.Console;

namespace EventSourced.Bench.Reporting;

/// <summary>One figure with the baseline measured in the same run and their ratio; <see cref="Met"/> is null when the issue
/// sets no target for it.</summary>
public sealed record ResultRow(string Section, long Events, string Measure, string Figure, string Baseline, double? Ratio, string Target, bool? Met);

/// <summary>Every figure of a run, printed as a table at the end and written as Markdown.</summary>
public sealed class Results
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<ResultRow> Rows => _rows;

    public IReadOnlyList<string> Notes => _notes;

    public void Add(ResultRow row)
    {
        _rows.Add(row);
        var verdict = row.Met switch { true => "[green]met[/]", false => "[red]missed[/]", null => string.Empty };
        AnsiConsole.MarkupLine($"  [bold]{Markup.Escape(row.Measure)}[/]: {Markup.Escape(row.Figure)}" +
            (row.Baseline.Length == 0 ? string.Empty : $" | baseline {Markup.Escape(row.Baseline)}") +
            (row.Ratio is { } r ? $" | ratio [bold]{r.ToString("0.00", CultureInfo.InvariantCulture)}×[/]" : string.Empty) +
            (row.Target.Length == 0 ? string.Empty : $" | target {Markup.Escape(row.Target)} {verdict}"));
    }

    /// <summary>An information line (seeding rate, load, what dominates), printed now and listed under the table.</summary>
    public void Note(string text)
    {
        _notes.Add(text);
        AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(text)}[/]");
    }

    public void PrintTable()
    {
        var table = new Table().Border(TableBorder.Rounded).Title("EventSourced benchmarks");
        foreach (var column in new[] { "Section", "Events", "Measure", "Figure", "Baseline (same run)", "Ratio", "Target" })
        {
            table.AddColumn(column);
        }

        foreach (var row in _rows)
        {
            var verdict = row.Met switch { true => " [green]met[/]", false => " [red]missed[/]", null => string.Empty };
            table.AddRow(Markup.Escape(row.Section), Events(row.Events), Markup.Escape(row.Measure), Markup.Escape(row.Figure),
                Markup.Escape(row.Baseline), Ratio(row.Ratio), Markup.Escape(row.Target) + verdict);
        }

        AnsiConsole.Write(table);
    }

    public string ToMarkdown(RunInfo run)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run of {run.Started:yyyy-MM-dd HH:mm} UTC, `{run.CommandLine}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {run.Machine}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Database: {run.Database}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1/5/15 min) at start: {run.LoadAtStart}; at end: {run.LoadAtEnd}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Duration: {run.Duration.TotalMinutes:F1} min");
        md.AppendLine();
        md.AppendLine("| Section | Events | Measure | Figure | Baseline (same run) | Ratio | Target |");
        md.AppendLine("|---|---:|---|---|---|---:|---|");
        foreach (var row in _rows)
        {
            var verdict = row.Met switch { true => " ✅", false => " ❌", null => string.Empty };
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Section} | {Events(row.Events)} | {Cell(row.Measure)} | {Cell(row.Figure)} | {Cell(row.Baseline)} | {Ratio(row.Ratio)} | {Cell(row.Target)}{verdict} |");
        }

        if (_notes.Count > 0)
        {
            md.AppendLine();
            foreach (var note in _notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return md.ToString();
    }

    private static string Events(long events) => events == 0 ? string.Empty : events.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : string.Empty;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}

public sealed record RunInfo(DateTimeOffset Started, string CommandLine, string Machine, string Database, string LoadAtStart, string LoadAtEnd,
    TimeSpan Duration);
