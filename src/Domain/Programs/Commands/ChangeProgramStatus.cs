using FluentValidation;
using EventSourced.Domain.Common;

namespace EventSourced.Domain.Programs.Commands;

/// <summary>Moves a program through its lifecycle (<c>{"status": "active"}</c>). Setting the current status again changes nothing.</summary>
public sealed record ChangeProgramStatus(Guid ProgramId, string? Status);

public sealed class ChangeProgramStatusValidator : AbstractValidator<ChangeProgramStatus>
{
    public static ChangeProgramStatusValidator Instance { get; } = new();

    public ChangeProgramStatusValidator() =>
        RuleFor(c => c.Status).NotEmpty().IsEnumName(typeof(ProgramStatus), caseSensitive: false)
            .WithMessage($"'{{PropertyName}}' must be one of: {string.Join(", ", WireNames.All<ProgramStatus>())}.");
}
