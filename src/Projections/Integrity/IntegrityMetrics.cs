using System.Diagnostics.Metrics;
using EventSourced.Domain.Repairs;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Gauges from the latest integrity check: <c>eventsourced.integrity.findings</c> (tag <c>kind</c>, every kind in
/// <see cref="FindingKinds"/>, zero included) and <c>eventsourced.integrity.table_drift</c> (tag <c>table</c>). The
/// runbook's alert "Dual-write mismatches > 0" is <c>eventsourced.integrity.findings{kind="column-mismatch"} > 0</c>.
/// Nothing is reported before the first check.
/// </summary>
public sealed class IntegrityMetrics : IDisposable
{
    public const string MeterName = "EventSourced.Integrity";

    private readonly Meter _meter;
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

    public IntegrityReport? Latest => _latest;

    /// <summary>This instance's meter (a host has its own, from its <see cref="IMeterFactory"/>).</summary>
    public Meter Meter => _meter;

    public void Record(IntegrityReport report) => _latest = report;

    private IEnumerable<Measurement<long>> Findings() =>
        _latest?.CountsByKind.Select(k => new Measurement<long>(k.Value, new KeyValuePair<string, object?>("kind", k.Key))) ?? [];

    private IEnumerable<Measurement<long>> TableDrift() =>
        _latest?.Tables.Select(t => new Measurement<long>(t.MissingCount + t.ExtraCount + t.MismatchCount,
            new KeyValuePair<string, object?>("table", t.Table))) ?? [];

    private IEnumerable<Measurement<double>> LastCheckAge() =>
        _latest is { } latest ? [new Measurement<double>((DateTimeOffset.UtcNow - latest.CheckedAt - latest.Duration).TotalSeconds)] : [];

    public void Dispose() => _meter.Dispose();
}
