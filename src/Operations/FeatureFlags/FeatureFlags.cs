using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.Enrollments;
using Microsoft.Extensions.Primitives;

namespace EventSourced.Operations.FeatureFlags;

/// <summary>
/// The runbooks' switches, read from configuration when the host starts and again on every configuration reload, so "set the
/// flag and the workflow stops" holds for a running service: <c>Workflow:Disable90PercentWorkflow</c> (or the runbook's
/// <c>DISABLE_90PCT_WORKFLOW=true</c>) and <c>Programs:DisableProgramLookup</c> (or <c>DISABLE_PROGRAM_LOOKUP=true</c>). The
/// handlers get one instance of each and read it per command, so a reload reaches the next command.
/// </summary>
public static class FeatureFlags
{
    public const string WorkflowVariable = "DISABLE_90PCT_WORKFLOW";
    public const string LookupVariable = "DISABLE_PROGRAM_LOOKUP";

    public static IServiceCollection AddEventSourcedFeatureFlags(this IServiceCollection services, IConfiguration configuration)
    {
        var workflow = new ApprovalWorkflowOptions();
        var lookup = new ProgramLookupOptions();
        void Read()
        {
            workflow.Disable90PercentWorkflow = IsSet(configuration, $"{ApprovalWorkflowOptions.Section}:{nameof(ApprovalWorkflowOptions.Disable90PercentWorkflow)}")
                || IsSet(configuration, WorkflowVariable);
            lookup.DisableProgramLookup = IsSet(configuration, $"{ProgramLookupOptions.Section}:{nameof(ProgramLookupOptions.DisableProgramLookup)}")
                || IsSet(configuration, LookupVariable);
        }

        Read();
        // Lives as long as the configuration: the registration is made once per host.
        ChangeToken.OnChange(configuration.GetReloadToken, Read);
        services.AddSingleton(workflow);
        services.AddSingleton(lookup);
        return services;
    }

    private static bool IsSet(IConfiguration configuration, string key) => bool.TryParse(configuration[key], out var value) && value;
}
