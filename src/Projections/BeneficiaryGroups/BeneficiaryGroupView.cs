namespace EventSourced.Projections.BeneficiaryGroups;

/// <summary>A row of <c>beneficiary_groups</c> as the API returns it.</summary>
public sealed record BeneficiaryGroupView(
    Guid Id,
    string Name,
    string? Description,
    string? Region,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
