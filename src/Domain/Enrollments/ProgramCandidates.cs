namespace EventSourced.Domain.Enrollments;

/// <summary>An active program a lookup may choose.</summary>
public sealed record ActiveProgram(Guid ProgramId, string ProgramType, Guid BeneficiaryGroupId, DateTimeOffset CreatedAt);

/// <summary>A campaign of a company that may carry an enrollment (won, for an active program).</summary>
public sealed record CompanyCampaign(Guid CampaignId, Guid ProgramId, Guid CompanyId, string Status, DateTimeOffset CreatedAt);
