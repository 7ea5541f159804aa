namespace EventSourced.Domain.Enrollments;

/// <summary>What an enrollment is linked to: a program (and the campaign through which the user's company runs it).
/// <see cref="ProgramType"/> is the program's programType at the moment of linking.</summary>
public sealed record ProgramContext(Guid ProgramId, string ProgramType, Guid BeneficiaryGroupId, Guid? CampaignId);
