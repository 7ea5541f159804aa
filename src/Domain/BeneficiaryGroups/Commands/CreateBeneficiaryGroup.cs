using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.BeneficiaryGroups.Commands;

/// <summary>Registers a beneficiary group (e.g. "Syrian refugees in Germany").</summary>
public sealed record CreateBeneficiaryGroup(string? Name, string? Description, string? Region, IReadOnlyList<string>? Tags);

public sealed class CreateBeneficiaryGroupValidator : CommandValidator<CreateBeneficiaryGroup>
{
    public static CreateBeneficiaryGroupValidator Instance { get; } = new();

    public CreateBeneficiaryGroupValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(BeneficiaryGroupRules.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(BeneficiaryGroupRules.DescriptionMaxLength);
        RuleFor(c => c.Region).MaximumLength(BeneficiaryGroupRules.RegionMaxLength);
        Tags.RulesFor(this, c => c.Tags);
    }
}
