using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.BeneficiaryGroups.Commands;

/// <summary>Edits a group. Fields left null keep their value.</summary>
public sealed record UpdateBeneficiaryGroup(Guid BeneficiaryGroupId, string? Name, string? Description, string? Region, IReadOnlyList<string>? Tags) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }
}

public sealed class UpdateBeneficiaryGroupValidator : CommandValidator<UpdateBeneficiaryGroup>
{
    public static UpdateBeneficiaryGroupValidator Instance { get; } = new();

    public UpdateBeneficiaryGroupValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(BeneficiaryGroupRules.NameMaxLength).When(c => c.Name is not null);
        RuleFor(c => c.Description).MaximumLength(BeneficiaryGroupRules.DescriptionMaxLength);
        RuleFor(c => c.Region).MaximumLength(BeneficiaryGroupRules.RegionMaxLength);
        Tags.RulesFor(this, c => c.Tags);
    }
}
