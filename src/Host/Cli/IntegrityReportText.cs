using EventSourced.Operations.Repairs;
using EventSourced.Projections.Integrity;
using System.Globalization;

namespace EventSourced.Host.Cli;

/// <summary>The human-readable integrity report: one line per table, then the details an operator acts on.</summary>
public static class IntegrityReportText
{
    /// <summary>Details shown per finding kind; <c>--json</c> has up to the report's cap.</summary>
    public const int DetailLines = 20;

    public static void Write(TextWriter output, IntegrityReport report)
    {
        output.WriteLine(Invariant($"Integrity check of tenant {report.TenantId} at {report.CheckedAt:O}: {report.EventsReplayed} events replayed in {report.Duration.TotalSeconds:F1} s") +
            (report.Scope == "full" ? string.Empty : $"; partial ({report.Scope}): those streams' rows only, no domain findings"));
        output.WriteLine();
        output.WriteLine($"{"table",-24} {"expected",9} {"actual",9} {"missing",8} {"extra",8} {"differ",8}");
        foreach (var t in report.Tables)
        {
            output.WriteLine($"{t.Table,-24} {t.ExpectedRows,9} {t.ActualRows,9} {t.MissingCount,8} {t.ExtraCount,8} {t.MismatchCount,8}{(t.IsClean ? string.Empty : "  DRIFT")}");
        }

        foreach (var t in report.Tables.Where(t => !t.IsClean))
        {
            output.WriteLine();
            output.WriteLine($"{t.Table}:");
            WriteCapped(output, t.Missing, t.MissingCount, id => $"  missing row {id} (the streams produce it, the table lacks it)");
            WriteCapped(output, t.Extra, t.ExtraCount, id => $"  extra row   {id} (no stream produces it)");
            WriteCapped(output, t.Mismatches, t.MismatchCount, m => $"  row {m.Id}: {m.Column} is {Show(m.Actual)}, the streams say {Show(m.Expected)}");
        }

        if (report.UnappliedEventCount > 0)
        {
            output.WriteLine();
            output.WriteLine("events the projections could not apply:");
            WriteCapped(output, report.UnappliedEvents, report.UnappliedEventCount,
                u => $"  seq {u.Sequence} ({u.EventType}, stream {u.StreamId} v{u.Version}){(u.Table is null ? string.Empty : $" in {u.Table}")}: {u.Error}\n" +
                     $"    fix: {u.Fix}");
        }

        if (report.QuarantinedEventsSkipped > 0)
        {
            output.WriteLine();
            output.WriteLine($"{report.QuarantinedEventsSkipped} quarantined event(s) left out, as an operator decided (event_quarantined.v1; see the stream's history)");
        }

        foreach (var group in report.DomainFindings.GroupBy(f => f.Kind))
        {
            output.WriteLine();
            output.WriteLine($"{group.Key}:");
            var findings = group.ToArray();
            WriteCapped(output, findings, findings.Length, f => $"  {f.Detail}");
        }

        output.WriteLine();
        output.WriteLine(report.IsClean
            ? "clean: every read table matches its streams, no domain findings"
            : "findings: " + string.Join(", ", report.CountsByKind.Where(k => k.Value > 0).Select(k => $"{k.Key} {k.Value}")));
    }

    public static void Write(TextWriter output, RepairReport repair)
    {
        var verb = repair.DryRun ? "would" : "did";
        output.WriteLine((repair.DryRun ? "Repair plan (dry run: nothing is written)" : "Repair") + $" of tenant {repair.Before.TenantId}");
        foreach (var row in repair.Reprojected.Take(DetailLines * 5))
        {
            output.WriteLine($"  {row.Table} {row.StreamId}: {row.Action}");
        }

        if (repair.Reprojected.Count > DetailLines * 5)
        {
            output.WriteLine($"  … and {repair.Reprojected.Count - DetailLines * 5} more rows");
        }

        foreach (var c in repair.Compensations)
        {
            var what = c.Error is { } error ? $"refused: {error.Title}: {error.Detail}"
                : c.NothingToDo ? "nothing to do (no longer holds)"
                : $"{verb} append {string.Join(", ", c.EventTypes)}";
            output.WriteLine($"  {c.Finding} {c.StreamId}: {what}");
        }

        var failed = repair.FailedRows.Count();
        output.WriteLine(Invariant($"{repair.Reprojected.Count - failed} row(s) {(repair.DryRun ? "to re-project" : "re-projected")}, {failed} failed, {repair.EventCount} event(s) {(repair.DryRun ? "to append" : "appended")}, {repair.Refused.Count()} refused"));
        if (repair.After is { } after)
        {
            output.WriteLine();
            output.WriteLine("after the repair:");
            Write(output, after);
        }
    }

    private static void WriteCapped<T>(TextWriter output, IReadOnlyList<T> items, long total, Func<T, string> line)
    {
        foreach (var item in items.Take(DetailLines))
        {
            output.WriteLine(line(item));
        }

        if (total > DetailLines)
        {
            output.WriteLine(Invariant($"  … {total - DetailLines} more (use --json for up to {items.Count} of them)"));
        }
    }

    private static string Show(string? value) => value is null ? "null" : $"'{value}'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
