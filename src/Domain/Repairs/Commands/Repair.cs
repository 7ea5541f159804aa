using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Repairs.Commands;

/// <summary>Who repairs and why: every compensating command carries it, and it is recorded with the events.</summary>
public sealed record Repair(string? OperatorId, string? Reason);

public sealed class RepairValidator : CommandValidator<Repair>
{
    public const int MaxLength = 500;

    public static RepairValidator Instance { get; } = new();

    public RepairValidator()
    {
        RuleFor(r => r.OperatorId).NotEmpty().MaximumLength(200).OverridePropertyName("operatorId");
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(MaxLength).OverridePropertyName("reason");
    }
}
