namespace EventSourced.Projections.Enrollments;

/// <summary>A row of <c>program_enrollments</c> as the API returns it.</summary>
public sealed record EnrollmentView(
    Guid Id,
    string UserId,
    Guid? CompanyId,
    string ProgramType,
    Guid? ProgramId,
    Guid? CampaignId,
    Guid? BeneficiaryGroupId,
    string SourceSystem,
    string ExternalEventId,
    string Status,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
