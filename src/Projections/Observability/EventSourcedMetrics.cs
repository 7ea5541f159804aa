using System.Diagnostics.Metrics;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Projections.Approvals;
using JasperFx.Events;

namespace EventSourced.Projections.Observability;

/// <summary>
/// The runbooks' domain metrics on the meter <c>EventSourced</c>: enrollments created (by source system, with or without
/// program context), program lookup failures, config validation failures, and the workflow's pending approvals and
/// approval rate plus Wolverine's outbox and dead-letter depth (gauges from the latest <see cref="Refresh"/>). Counters are
/// fed from committed events (<see cref="MetricsCommitListener"/>), so a rolled-back transaction counts nothing.
/// </summary>
public static class EventSourcedMetrics
{
    public const string MeterName = "EventSourced";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> EnrollmentsCreated = Meter.CreateCounter<long>("eventsourced.enrollments.created", "{enrollment}",
        "Enrollments created, by source system and whether a program was found (with_program)");

    private static readonly Counter<long> LookupFailures = Meter.CreateCounter<long>("eventsourced.program_lookup.failures", "{lookup}",
        "Enrollments for which no program was found (created the legacy way)");

    private static readonly Counter<long> ConfigValidationFailures = Meter.CreateCounter<long>("eventsourced.config_validation.failures", "{request}",
        "Requests refused with 'Config validation failed'");

    private static readonly Counter<long> StaleApprovalReminders = Meter.CreateCounter<long>("eventsourced.approvals.stale_reminders", "{reminder}",
        "Reminders sent for approvals pending longer than the stale-approval policy (approval.stale)");

    private static Snapshot _latest = new(null, null, null);

    static EventSourcedMetrics()
    {
        Meter.CreateObservableGauge("eventsourced.approvals.pending", () => Observe(_latest.Workflow?.PendingApprovals), "{approval}",
            "Approvals waiting for a reviewer");
        Meter.CreateObservableGauge("eventsourced.approvals.stale", () => Observe(_latest.Workflow?.StaleApprovals), "{approval}",
            "Approvals pending longer than the stale-approval policy (Workflow:StaleApprovals:StaleAfter)");
        Meter.CreateObservableGauge("eventsourced.approvals.approval_rate", () => ObserveRate(_latest.Workflow?.ApprovalRate), "%",
            "Approved share of the decisions of the last 7 days");
        Meter.CreateObservableGauge("eventsourced.wolverine.outbox_depth", () => Observe(_latest.Outgoing), "{envelope}",
            "Messages in Wolverine's durable outbox");
        Meter.CreateObservableGauge("eventsourced.wolverine.dead_letters", () => Observe(_latest.DeadLetters), "{envelope}",
            "Messages in Wolverine's dead-letter storage");
    }

    /// <summary>Counts the enrollment events of one committed transaction.</summary>
    public static void RecordCommitted(IEnumerable<IEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Data is EnrollmentCreated created)
            {
                EnrollmentsCreated.Add(1, new KeyValuePair<string, object?>("source_system", created.SourceSystem),
                    new KeyValuePair<string, object?>("with_program", created.ProgramId is not null));
            }
        }
    }

    public static void RecordLookupFailure(string sourceSystem) =>
        LookupFailures.Add(1, new KeyValuePair<string, object?>("source_system", sourceSystem));

    public static void RecordConfigValidationFailure() => ConfigValidationFailures.Add(1);

    public static void RecordStaleApprovalReminder() => StaleApprovalReminders.Add(1);

    /// <summary>Sets the gauges' values (the host refreshes them periodically: gauges must not query on every scrape).</summary>
    public static void Refresh(WorkflowMetrics? workflow, long? outgoing, long? deadLetters) => _latest = new Snapshot(workflow, outgoing, deadLetters);

    private static IEnumerable<Measurement<long>> Observe(long? value) => value is { } v ? [new Measurement<long>(v)] : [];

    private static IEnumerable<Measurement<double>> ObserveRate(double? value) => value is { } v ? [new Measurement<double>(v)] : [];

    private sealed record Snapshot(WorkflowMetrics? Workflow, long? Outgoing, long? DeadLetters);
}
