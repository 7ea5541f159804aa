using EventSourced.Domain.Repairs;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// What the integrity check found: per read table, how it differs from what the streams produce; events the
/// projections could not apply; and domain findings computed from the streams. Detail lists are capped
/// (<see cref="IntegrityCheckOptions.MaxDetailsPerKind"/>); the counts are exact.
/// </summary>
public sealed record IntegrityReport(
    DateTimeOffset CheckedAt,
    string TenantId,
    long EventsReplayed,
    TimeSpan Duration,
    IReadOnlyList<TableReport> Tables,
    IReadOnlyList<UnappliedEvent> UnappliedEvents,
    long UnappliedEventCount,
    IReadOnlyList<DomainFinding> DomainFindings)
{
    /// <summary>What was checked: <c>full</c>, or which streams (<c>since sequence N</c>, <c>written since the last clean check</c>,
    /// <c>N stream(s)</c>); a partial check compares those streams' rows and computes no domain findings.</summary>
    public string Scope { get; init; } = "full";

    /// <summary>Events an operator quarantined (<c>event_quarantined.v1</c>) that the replay left out, as they asked.</summary>
    public long QuarantinedEventsSkipped { get; init; }

    public bool IsClean => FindingCount == 0;

    public long FindingCount => CountsByKind.Values.Sum();

    /// <summary>Every finding kind (see <see cref="FindingKinds"/>) with its count, zero included.</summary>
    public IReadOnlyDictionary<string, long> CountsByKind
    {
        get
        {
            var counts = FindingKinds.All.ToDictionary(kind => kind, _ => 0L);
            counts[FindingKinds.MissingRow] = Tables.Sum(t => t.MissingCount);
            counts[FindingKinds.ExtraRow] = Tables.Sum(t => t.ExtraCount);
            counts[FindingKinds.ColumnMismatch] = Tables.Sum(t => t.MismatchCount);
            counts[FindingKinds.UnappliedEvent] = UnappliedEventCount;
            foreach (var group in DomainFindings.GroupBy(f => f.Kind))
            {
                counts[group.Key] = group.LongCount();
            }

            return counts;
        }
    }
}

/// <summary>
/// One read table compared with its replay. <see cref="Missing"/>: rows the streams produce that the table lacks.
/// <see cref="Extra"/>: rows no stream produces (orphans). <see cref="Mismatches"/>: columns that differ.
/// </summary>
public sealed record TableReport(
    string Table,
    long ExpectedRows,
    long ActualRows,
    long MissingCount,
    long ExtraCount,
    long MismatchCount,
    IReadOnlyList<Guid> Missing,
    IReadOnlyList<Guid> Extra,
    IReadOnlyList<ColumnMismatch> Mismatches)
{
    public bool IsClean => MissingCount == 0 && ExtraCount == 0 && MismatchCount == 0;

    /// <summary>Ids of the rows (which are the ids of their streams) that differ in any way.</summary>
    public IReadOnlyList<Guid> DriftedRows => Missing.Concat(Extra).Concat(Mismatches.Select(m => m.Id)).Distinct().ToArray();
}

/// <summary>Row <see cref="Id"/>'s <see cref="Column"/> is <see cref="Actual"/> in the table but the streams say <see cref="Expected"/>
/// (both as PostgreSQL text; null is SQL NULL).</summary>
public sealed record ColumnMismatch(Guid Id, string Column, string? Expected, string? Actual);

/// <summary>An event the check could not read or apply. <see cref="Table"/> is the projection that failed, null when the
/// event could not even be read (unknown type, unreadable JSON). <see cref="Fix"/> says what to do.</summary>
public sealed record UnappliedEvent(long Sequence, Guid StreamId, long Version, string EventType, string? Table, string Error)
{
    /// <summary>The way out, for the operator reading the report (docs/event-versioning.md).</summary>
    public string Fix => Table is null
        ? $"If '{EventType}' is an old shape of an event, register an upcaster from that name (StoredEventNames) and check again; " +
          $"if this event itself is wrong, quarantine it: integrity quarantine --event {Sequence} --operator <id> --reason <why>"
        : $"The {Table} projection cannot apply it: fix the projection (or the event's upcaster) and rebuild; if this event itself " +
          $"is wrong, quarantine it: integrity quarantine --event {Sequence} --operator <id> --reason <why>";
}

/// <summary>A domain finding (see <see cref="FindingKinds"/>) on stream <see cref="StreamId"/>, the stream a repair would write to.</summary>
public sealed record DomainFinding(string Kind, Guid StreamId, string Detail);
