using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Handlers.Enrollments;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Handlers.Resilience;
using EventSourced.Handlers.Templates;
using EventSourced.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;

namespace EventSourced.Handlers.Registration;

/// <summary>Everything EventSourced needs from Wolverine, in one call: handler discovery, the services the handlers use
/// (clock, workflow and lookup switches, integrity gauges; defaults unless the host registered its own), durable local
/// queues (so external events survive a crash and dead letters are stored), and the error policies.</summary>
public static class EventSourcedWolverineOptions
{
    public static WolverineOptions AddEventSourced(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(TemplateHandler).Assembly);

        // What the handlers depend on, with defaults a host may replace by registering its own first.
        options.Services.TryAddSingleton(TimeProvider.System);
        options.Services.TryAddSingleton(new ApprovalWorkflowOptions());
        options.Services.TryAddSingleton(new StaleApprovalOptions());
        options.Services.TryAddSingleton(new ProgramLookupOptions());
        options.Services.TryAddSingleton<IntegrityMetrics>();
        options.Policies.UseDurableLocalQueues();

        // A malformed external event cannot succeed on retry: straight to the dead-letter storage, with its reason.
        options.OnException<InvalidEnrollmentEventException>().MoveToErrorQueue();

        // A database that is away (restart, failover, out of connections) is no fault of the message: retried with backoff,
        // then the message waits and is requeued for as long as the outage lasts. Dead-lettering it would turn an outage into
        // lost events; it stays in the durable inbox meanwhile, so a crash while waiting loses nothing either.
        options.OnException(DatabaseFailures.IsUnavailable)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2))
            .Then.CustomActionIndefinitely(DatabaseOutage.WaitThenRequeueAsync, DatabaseOutage.Description);

        // Any other transient database error (a timeout on a statement) is retried with backoff, then dead-lettered.
        options.OnException<NpgsqlException>(ex => ex.IsTransient)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2))
            .Then.MoveToErrorQueue();
        return options;
    }
}
