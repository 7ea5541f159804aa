namespace EventSourced.Domain.Enrollments.Events;

/// <summary>A legacy enrollment linked to the active program of its programType (the backfill). ProgramType and
/// ProgramId are again written together.</summary>
public sealed record EnrollmentLinkedToProgram(
    Guid EnrollmentId,
    Guid ProgramId,
    string ProgramType,
    Guid BeneficiaryGroupId,
    Guid? CampaignId,
    DateTimeOffset LinkedAt);
