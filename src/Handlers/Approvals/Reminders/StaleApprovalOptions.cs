using EventSourced.Domain.Approvals.Reminders;

namespace EventSourced.Handlers.Approvals.Reminders;

/// <summary>Configuration section <c>Workflow:StaleApprovals</c>: when a pending approval is reminded, and how often again.</summary>
public sealed class StaleApprovalOptions
{
    public const string Section = "Workflow:StaleApprovals";

    /// <summary>Schedule reminders at all (the host's default). Off: stale approvals are only counted (gauge) and reported by the integrity check.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Age after which a pending approval is stale and reminded the first time (default 7 days, as the integrity check).</summary>
    public TimeSpan StaleAfter { get; set; } = StaleApprovalPolicy.Default.StaleAfter;

    /// <summary>Interval of the reminders that follow while the approval stays pending (default 1 day; zero or unset: only one).</summary>
    public TimeSpan? RemindEvery { get; set; } = StaleApprovalPolicy.Default.RemindEvery;

    public StaleApprovalPolicy Policy => new(StaleAfter, RemindEvery);
}
