using System.Text.Json;
using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Programs.Commands;

/// <summary>Instantiates an active template for a beneficiary group (runbook 000, "Instantiating a Program").
/// The program key is derived from the name.</summary>
public sealed record CreateProgram(
    Guid? TemplateId,
    string? Name,
    Guid? BeneficiaryGroupId,
    JsonElement? ConfigOverrides,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<int>? SdgGoals);

public sealed class CreateProgramValidator : CommandValidator<CreateProgram>
{
    public static CreateProgramValidator Instance { get; } = new();

    public CreateProgramValidator()
    {
        RuleFor(c => c.TemplateId).NotEmptyId();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ProgramRules.NameMaxLength);
        RuleFor(c => c.BeneficiaryGroupId).NotEmptyId();
        RuleFor(c => c.ConfigOverrides).MustBeJsonObject().When(c => c.ConfigOverrides is not null);
        Tags.RulesFor(this, c => c.Tags);
        RuleForEach(c => c.SdgGoals).InclusiveBetween(ProgramRules.FirstSdgGoal, ProgramRules.LastSdgGoal)
            .WithMessage($"'{{PropertyName}}' must be a UN Sustainable Development Goal number, {ProgramRules.FirstSdgGoal}–{ProgramRules.LastSdgGoal}.");
        RuleFor(c => c.SdgGoals).Must(goals => goals is null || goals.Distinct().Count() == goals.Count)
            .WithMessage("'{PropertyName}' must not repeat a goal.").WithErrorCode("uniqueItems");
    }
}
