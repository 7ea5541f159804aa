using EventSourced.Domain.Common;

namespace EventSourced.Handlers.Enrollments;

/// <summary>What happened to an enrollment request.</summary>
public enum EnrollmentOutcome
{
    /// <summary>A new enrollment stream was started.</summary>
    Created,

    /// <summary>The same external event was seen before: the enrollment it created is returned.</summary>
    Duplicate,

    /// <summary>The user already has an active enrollment in the program found; nothing was created.</summary>
    AlreadyEnrolled,

    /// <summary>The request is invalid; <see cref="EnrollmentResult.Error"/> says why.</summary>
    Rejected,
}

/// <summary>The outcome of enrolling, with the enrollment it concerns (the new, the earlier, or the existing one).</summary>
public sealed record EnrollmentResult(EnrollmentOutcome Outcome, Guid EnrollmentId, DomainError? Error = null);
