using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EventSourced.Domain.Repairs;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Gauges from the latest integrity check: <c>eventsourced.integrity.findings</c> (tag <c>kind</c>, every kind in
/// <see cref="FindingKinds"/>, zero included) and <c>eventsourced.integrity.table_drift</c> (tag <c>table</c>). The
/// runbook's alert "Dual-write mismatches > 0" is <c>eventsourced.integrity.findings{kind="column-mismatch"} > 0</c>.
/// Nothing is reported before the first check. With several tenants, each tenant's latest report counts once: the gauges are
/// the sums over tenants.
/// </summary>
public sealed class IntegrityMetrics : IDisposable
{
    public const string MeterName = "EventSourced.Integrity";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, IntegrityReport> _latestByTenant = new(StringComparer.Ordinal);
    private IntegrityReport? _latest;

    public IntegrityMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("eventsourced.integrity.findings", Findings, unit: "{finding}",
            description: "Findings of the latest integrity check, per kind");
        _meter.CreateObservableGauge("eventsourced.integrity.table_drift", TableDrift, unit: "{row}",
            description: "Rows of each read table that differ from its streams (missing, extra or mismatched), per the latest check");
        _meter.CreateObservableGauge("eventsourced.integrity.last_check_age", LastCheckAge, unit: "s",
            description: "Seconds since the latest integrity check finished");
    }

    /// <summary>The report recorded last (of whichever tenant).</summary>
    public IntegrityReport? Latest => _latest;

    /// <summary>This instance's meter (a host has its own, from its <see cref="IMeterFactory"/>).</summary>
    public Meter Meter => _meter;

    /// <summary>Replaces the latest report of <see cref="IntegrityReport.TenantId"/>.</summary>
    public void Record(IntegrityReport report)
    {
        _latestByTenant[report.TenantId] = report;
        _latest = report;
    }

    public void Record(IEnumerable<IntegrityReport> reports)
    {
        foreach (var report in reports)
        {
            Record(report);
        }
    }

    private IEnumerable<Measurement<long>> Findings()
    {
        var reports = _latestByTenant.Values.ToArray();
        return reports.Length == 0
            ? []
            : reports.SelectMany(r => r.CountsByKind).GroupBy(k => k.Key)
                .Select(k => new Measurement<long>(k.Sum(c => c.Value), new KeyValuePair<string, object?>("kind", k.Key)));
    }

    private IEnumerable<Measurement<long>> TableDrift() =>
        _latestByTenant.Values.SelectMany(r => r.Tables).GroupBy(t => t.Table)
            .Select(t => new Measurement<long>(t.Sum(r => r.MissingCount + r.ExtraCount + r.MismatchCount), new KeyValuePair<string, object?>("table", t.Key)));

    private IEnumerable<Measurement<double>> LastCheckAge() =>
        _latest is { } latest ? [new Measurement<double>((DateTimeOffset.UtcNow - latest.CheckedAt - latest.Duration).TotalSeconds)] : [];

    public void Dispose() => _meter.Dispose();
}
