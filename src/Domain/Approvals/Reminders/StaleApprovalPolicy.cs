namespace EventSourced.Domain.Approvals.Reminders;

/// <summary>
/// When a pending approval counts as stale (runbook 002: "pending approvals pile up"): after <see cref="StaleAfter"/>
/// without a decision it is reported, then again every <see cref="RemindEvery"/> while it stays pending (null: once).
/// </summary>
public sealed record StaleApprovalPolicy(TimeSpan StaleAfter, TimeSpan? RemindEvery)
{
    public static readonly StaleApprovalPolicy Default = new(TimeSpan.FromDays(7), TimeSpan.FromDays(1));

    /// <summary>When an approval requested at <paramref name="requestedAt"/> becomes stale.</summary>
    public DateTimeOffset StaleAt(DateTimeOffset requestedAt) => requestedAt + StaleAfter;
}
