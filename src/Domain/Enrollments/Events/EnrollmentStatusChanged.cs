namespace EventSourced.Domain.Enrollments.Events;

/// <summary>active → completed | withdrawn.</summary>
public sealed record EnrollmentStatusChanged(Guid EnrollmentId, EnrollmentStatus From, EnrollmentStatus To, DateTimeOffset ChangedAt);
