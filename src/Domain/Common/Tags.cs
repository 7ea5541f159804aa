using System.Linq.Expressions;
using FluentValidation;

namespace EventSourced.Domain.Common;

/// <summary>Free-form labels: at most 20, each 1–50 characters; stored trimmed and without duplicates.</summary>
public static class Tags
{
    public const int MaxCount = 20;
    public const int MaxLength = 50;

    public static IReadOnlyList<string> Normalize(IReadOnlyList<string>? tags) =>
        tags is null ? [] : tags.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Adds the tag rules for one property of a command.</summary>
    public static void RulesFor<T>(AbstractValidator<T> validator, Expression<Func<T, IEnumerable<string>?>> tags)
    {
        validator.RuleFor(tags).Must(t => t is null || t.Count() <= MaxCount).WithMessage($"'{{PropertyName}}' may hold at most {MaxCount} tags.");
        validator.RuleForEach(tags!)
            .Must(tag => !string.IsNullOrWhiteSpace(tag)).WithMessage("'{PropertyName}' must not be empty.").WithErrorCode("NotEmptyValidator")
            .Must(tag => tag is null || tag.Trim().Length <= MaxLength) // measured as stored: trimmed
            .WithMessage($"'{{PropertyName}}' must be {MaxLength} characters or fewer.").WithErrorCode("MaximumLengthValidator");
    }
}
