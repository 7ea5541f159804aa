using System.Text.Json;
using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Templates.Commands;

/// <summary>Creates version 1 of a new template key, as a draft.</summary>
public sealed record CreateTemplate(
    string? TemplateKey,
    string? Name,
    string? Description,
    string? Category,
    JsonElement? DefaultConfig,
    JsonElement? ConfigSchema);

public sealed class CreateTemplateValidator : CommandValidator<CreateTemplate>
{
    public static CreateTemplateValidator Instance { get; } = new();

    public CreateTemplateValidator()
    {
        RuleFor(c => c.TemplateKey).NotEmpty().Must(Slug.IsValid).WithMessage($"'{{PropertyName}}' must be {Slug.Description}.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(TemplateLimits.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(TemplateLimits.DescriptionMaxLength);
        RuleFor(c => c.Category).NotEmpty().Must(Slug.IsValid).WithMessage($"'{{PropertyName}}' must be {Slug.Description}.");
        RuleFor(c => c.DefaultConfig).MustBeJsonObject();
        RuleFor(c => c.ConfigSchema).MustBeJsonObject();
    }
}
