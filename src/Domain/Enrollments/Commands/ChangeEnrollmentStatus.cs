using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Enrollments.Commands;

/// <summary><c>{"status": "completed" | "withdrawn"}</c>.</summary>
public sealed record ChangeEnrollmentStatus(Guid EnrollmentId, string? Status) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }
}

public sealed class ChangeEnrollmentStatusValidator : CommandValidator<ChangeEnrollmentStatus>
{
    public static ChangeEnrollmentStatusValidator Instance { get; } = new();

    public ChangeEnrollmentStatusValidator() =>
        RuleFor(c => c.Status).NotEmpty().IsEnumName(typeof(EnrollmentStatus), caseSensitive: false)
            .WithMessage("'{PropertyName}' must be one of: active, completed, withdrawn.");
}
