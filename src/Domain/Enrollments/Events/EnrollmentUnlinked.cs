namespace EventSourced.Domain.Enrollments.Events;

/// <summary>
/// An enrollment's references to a program or campaign that has no stream were dropped (an integrity repair). A missing
/// program takes the campaign and beneficiary group with it; ProgramType, the legacy key, stays.
/// </summary>
public sealed record EnrollmentUnlinked(Guid EnrollmentId, Guid? MissingProgramId, Guid? MissingCampaignId, DateTimeOffset UnlinkedAt)
{
    public bool UnlinksProgram => MissingProgramId is not null;
}
