namespace EventSourced.Domain.Enrollments.Events;

/// <summary>
/// A user's participation. <see cref="ProgramType"/> (the legacy key, always written) and <see cref="ProgramId"/> are
/// written by this one event, so they cannot disagree: with a program, ProgramType is the program's at linking time;
/// without one (legacy), ProgramType is what the source system sent.
/// </summary>
public sealed record EnrollmentCreated(
    Guid EnrollmentId,
    string UserId,
    Guid? CompanyId,
    string ProgramType,
    Guid? ProgramId,
    Guid? CampaignId,
    Guid? BeneficiaryGroupId,
    string SourceSystem,
    string ExternalEventId,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt);
