namespace EventSourced.Domain.BeneficiaryGroups.Events;

/// <summary>A group's details after an edit (the whole content).</summary>
public sealed record BeneficiaryGroupUpdated(
    Guid BeneficiaryGroupId,
    string Name,
    string? Description,
    string? Region,
    IReadOnlyList<string> Tags,
    DateTimeOffset UpdatedAt);
