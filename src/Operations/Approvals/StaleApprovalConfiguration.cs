using EventSourced.Handlers.Approvals.Reminders;

namespace EventSourced.Operations.Approvals;

/// <summary>
/// Reads <c>Workflow:StaleApprovals</c> (<c>Enabled</c>, <c>StaleAfter</c>, <c>RemindEvery</c>) once at start: the same age
/// drives the reminders, the <c>eventsourced_approvals_stale</c> gauge and the integrity check's <c>stale-approval</c> finding.
/// </summary>
public static class StaleApprovalConfiguration
{
    public static StaleApprovalOptions ReadStaleApprovalOptions(this IConfiguration configuration)
    {
        var options = new StaleApprovalOptions();
        configuration.GetSection(StaleApprovalOptions.Section).Bind(options);
        if (options.StaleAfter <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{StaleApprovalOptions.Section}:{nameof(StaleApprovalOptions.StaleAfter)} must be a positive time span (e.g. 7.00:00:00), not {options.StaleAfter}.");
        }

        if (options.RemindEvery < TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{StaleApprovalOptions.Section}:{nameof(StaleApprovalOptions.RemindEvery)} must not be negative (zero: remind once), not {options.RemindEvery}.");
        }

        return options;
    }

    public static IServiceCollection AddEventSourcedStaleApprovals(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(configuration.ReadStaleApprovalOptions());
}
