using EventSourced.Domain.BeneficiaryGroups.Events;

namespace EventSourced.Domain.BeneficiaryGroups;

/// <summary>A beneficiary group's state, folded from its stream.</summary>
public sealed record BeneficiaryGroup(
    Guid Id,
    string Name,
    string? Description,
    string? Region,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static BeneficiaryGroup From(BeneficiaryGroupCreated e) =>
        new(e.BeneficiaryGroupId, e.Name, e.Description, e.Region, e.Tags, e.CreatedAt, e.CreatedAt);

    public BeneficiaryGroup When(BeneficiaryGroupUpdated e) =>
        this with { Name = e.Name, Description = e.Description, Region = e.Region, Tags = e.Tags, UpdatedAt = e.UpdatedAt };

    public static BeneficiaryGroup? Evolve(BeneficiaryGroup? state, object e) => e switch
    {
        BeneficiaryGroupCreated created => From(created),
        BeneficiaryGroupUpdated updated => state?.When(updated),
        _ => state,
    };
}
