using System.Text.Json;
using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Templates.Commands;

/// <summary>Edits a draft. Fields left null keep their current value; <c>templateKey</c> and version never change.</summary>
public sealed record UpdateTemplate(
    Guid TemplateId,
    string? Name,
    string? Description,
    string? Category,
    JsonElement? DefaultConfig,
    JsonElement? ConfigSchema) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }
}

public sealed class UpdateTemplateValidator : CommandValidator<UpdateTemplate>
{
    public static UpdateTemplateValidator Instance { get; } = new();

    public UpdateTemplateValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(TemplateLimits.NameMaxLength).When(c => c.Name is not null);
        RuleFor(c => c.Description).MaximumLength(TemplateLimits.DescriptionMaxLength);
        RuleFor(c => c.Category).Must(Slug.IsValid).WithMessage($"'{{PropertyName}}' must be {Slug.Description}.")
            .When(c => c.Category is not null);
        RuleFor(c => c.DefaultConfig).MustBeJsonObject().When(c => c.DefaultConfig is not null);
        RuleFor(c => c.ConfigSchema).MustBeJsonObject().When(c => c.ConfigSchema is not null);
    }
}
