namespace EventSourced.Domain.Enrollments;

/// <summary>active → completed | withdrawn.</summary>
public enum EnrollmentStatus
{
    Active,
    Completed,
    Withdrawn,
}
