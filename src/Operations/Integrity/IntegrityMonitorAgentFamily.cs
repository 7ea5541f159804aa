using EventSourced.Domain.Approvals.Reminders;
using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Projections.Integrity;
using Marten;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace EventSourced.Operations.Integrity;

/// <summary>
/// The periodic integrity check as one Wolverine agent, <c>eventsourced-integrity://monitor</c>, so Wolverine's leader
/// election runs it on one node of the cluster (in solo mode, on the only one). With no <c>Integrity:CheckInterval</c> the
/// family has no agent.
/// </summary>
public sealed class IntegrityMonitorAgentFamily(IConfiguration configuration, IServiceProvider services) : IStaticAgentFamily
{
    public const string IntervalKey = "Integrity:CheckInterval";
    public static readonly Uri MonitorUri = new("eventsourced-integrity://monitor");

    public string Scheme => MonitorUri.Scheme;

    private TimeSpan? Interval =>
        TimeSpan.TryParse(configuration[IntervalKey], System.Globalization.CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
            ? interval
            : null;

    public ValueTask<IReadOnlyList<Uri>> AllKnownAgentsAsync() => ValueTask.FromResult<IReadOnlyList<Uri>>(Interval is null ? [] : [MonitorUri]);

    public ValueTask<IReadOnlyList<Uri>> SupportedAgentsAsync() => AllKnownAgentsAsync();

    public ValueTask<IAgent> BuildAgentAsync(Uri uri, IWolverineRuntime wolverineRuntime)
    {
        if (uri != MonitorUri || Interval is not { } interval)
        {
            throw new InvalidAgentException($"{uri} is not an agent of {Scheme} here");
        }

        return ValueTask.FromResult<IAgent>(new IntegrityMonitorAgent(uri, interval, services.GetRequiredService<IDocumentStore>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<IntegrityMetrics>(),
            services.GetService<StaleApprovalOptions>()?.StaleAfter ?? StaleApprovalPolicy.Default.StaleAfter,
            services.GetRequiredService<ILogger<IntegrityMonitorAgent>>()));
    }

    public ValueTask EvaluateAssignmentsAsync(AssignmentGrid assignments)
    {
        assignments.DistributeEvenly(Scheme); // one agent: exactly one node runs it
        return ValueTask.CompletedTask;
    }
}
