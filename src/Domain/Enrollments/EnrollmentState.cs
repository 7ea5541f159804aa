using EventSourced.Domain.Enrollments.Events;

namespace EventSourced.Domain.Enrollments;

/// <summary>An enrollment's state, folded from its stream.</summary>
public sealed record EnrollmentState(
    Guid Id,
    string UserId,
    Guid? CompanyId,
    string ProgramType,
    Guid? ProgramId,
    Guid? CampaignId,
    Guid? BeneficiaryGroupId,
    string SourceSystem,
    string ExternalEventId,
    EnrollmentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsLegacy => ProgramId is null;

    public static EnrollmentState From(EnrollmentCreated e) =>
        new(e.EnrollmentId, e.UserId, e.CompanyId, e.ProgramType, e.ProgramId, e.CampaignId, e.BeneficiaryGroupId, e.SourceSystem,
            e.ExternalEventId, EnrollmentStatus.Active, e.CreatedAt, e.CreatedAt);

    public EnrollmentState When(EnrollmentLinkedToProgram e) =>
        this with
        {
            ProgramId = e.ProgramId,
            ProgramType = e.ProgramType,
            BeneficiaryGroupId = e.BeneficiaryGroupId,
            CampaignId = e.CampaignId,
            UpdatedAt = e.LinkedAt,
        };

    public EnrollmentState When(EnrollmentUnlinked e) =>
        e.UnlinksProgram
            ? this with { ProgramId = null, CampaignId = null, BeneficiaryGroupId = null, UpdatedAt = e.UnlinkedAt }
            : this with { CampaignId = null, UpdatedAt = e.UnlinkedAt };

    public EnrollmentState When(EnrollmentStatusChanged e) => this with { Status = e.To, UpdatedAt = e.ChangedAt };

    public static EnrollmentState? Evolve(EnrollmentState? state, object e) => e switch
    {
        EnrollmentCreated created => From(created),
        EnrollmentLinkedToProgram linked => state?.When(linked),
        EnrollmentStatusChanged changed => state?.When(changed),
        EnrollmentUnlinked unlinked => state?.When(unlinked),
        _ => state,
    };
}
