namespace EventSourced.Domain.BeneficiaryGroups.Events;

/// <summary>A demographic group programs can be instantiated for.</summary>
public sealed record BeneficiaryGroupCreated(
    Guid BeneficiaryGroupId,
    string Name,
    string? Description,
    string? Region,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt);
