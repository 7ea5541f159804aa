namespace EventSourced.Domain.Approvals;

/// <summary>pending → approved | rejected, exactly once.</summary>
public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,
}
