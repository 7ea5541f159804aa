using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Enrollments.Commands;

/// <summary>Enrolls a user, from an external event (kintell, buddy, upskilling) or directly. <see cref="ExternalEventId"/>
/// is the producer's id: the same event delivered twice enrolls once.</summary>
public sealed record EnrollUser(
    string? SourceSystem,
    string? ExternalEventId,
    string? UserId,
    Guid? CompanyId,
    string? ProgramType,
    DateTimeOffset? OccurredAt);

public sealed class EnrollUserValidator : CommandValidator<EnrollUser>
{
    public static EnrollUserValidator Instance { get; } = new();

    public EnrollUserValidator()
    {
        RuleFor(c => c.SourceSystem).Must(SourceSystems.IsKnown)
            .WithMessage($"'{{PropertyName}}' must be one of: {string.Join(", ", SourceSystems.All)}.");
        RuleFor(c => c.ExternalEventId).NotEmpty().MaximumLength(200);
        RuleFor(c => c.UserId).NotEmpty().MaximumLength(200);
        RuleFor(c => c.CompanyId).Must(id => id != Guid.Empty).WithMessage("'{PropertyName}' must not be an empty id.");
        RuleFor(c => c.ProgramType).NotEmpty().Must(Slug.IsValid).WithMessage($"'{{PropertyName}}' must be {Slug.Description}.");
        RuleFor(c => c.OccurredAt).NotNull();
    }
}
