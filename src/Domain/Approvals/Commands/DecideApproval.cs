using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Approvals.Commands;

/// <summary>A reviewer's decision: <c>{"action": "approve" | "reject", "reviewerId": …, "reason": …}</c>.</summary>
public sealed record DecideApproval(Guid ApprovalId, string? Action, string? ReviewerId, string? Reason) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }

    public const string Approve = "approve";
    public const string Reject = "reject";

    public bool Approves => string.Equals(Action, Approve, StringComparison.OrdinalIgnoreCase);
}

public sealed class DecideApprovalValidator : CommandValidator<DecideApproval>
{
    public static DecideApprovalValidator Instance { get; } = new();

    public DecideApprovalValidator()
    {
        RuleFor(c => c.Action).Cascade(CascadeMode.Stop).NotEmpty()
            .Must(a => a is null || string.Equals(a, DecideApproval.Approve, StringComparison.OrdinalIgnoreCase)
                || string.Equals(a, DecideApproval.Reject, StringComparison.OrdinalIgnoreCase))
            .WithMessage($"'{{PropertyName}}' must be '{DecideApproval.Approve}' or '{DecideApproval.Reject}'.");
        RuleFor(c => c.ReviewerId).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Reason).MaximumLength(2000);
    }
}
