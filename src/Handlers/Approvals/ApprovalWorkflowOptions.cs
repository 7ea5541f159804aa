namespace EventSourced.Handlers.Approvals;

/// <summary>Configuration section <c>Workflow</c>. The environment variable <c>DISABLE_90PCT_WORKFLOW=true</c> of the
/// runbook is honoured too (the host maps it).</summary>
public sealed class ApprovalWorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>When true, probability changes are recorded but crossing 90 % opens no approval.</summary>
    public bool Disable90PercentWorkflow { get; set; }

    public bool Enabled => !Disable90PercentWorkflow;
}
