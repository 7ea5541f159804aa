using FluentValidation;
using EventSourced.Domain.Common;

namespace EventSourced.Domain.Programs.Commands;

/// <summary>Moves a program through its lifecycle (<c>{"status": "active"}</c>). Setting the current status again changes nothing.</summary>
public sealed record ChangeProgramStatus(Guid ProgramId, string? Status) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>Why, in the operator's words (optional, at most <see cref="ChangeProgramStatusValidator.MaxReasonLength"/> characters):
    /// kept on the event, shown in the program's history.</summary>
    public string? Reason { get; init; }
}

public sealed class ChangeProgramStatusValidator : CommandValidator<ChangeProgramStatus>
{
    public static ChangeProgramStatusValidator Instance { get; } = new();

    public const int MaxReasonLength = 500;

    public ChangeProgramStatusValidator()
    {
        RuleFor(c => c.Status).NotEmpty().IsEnumName(typeof(ProgramStatus), caseSensitive: false)
            .WithMessage($"'{{PropertyName}}' must be one of: {string.Join(", ", WireNames.All<ProgramStatus>())}.");
        RuleFor(c => c.Reason).MaximumLength(MaxReasonLength);
    }
}
