using System.Text.RegularExpressions;

namespace EventSourced.Domain.Common;

/// <summary>Lowercase slugs (<c>mentorship-tech-workers</c>) used for template keys, categories and program keys.</summary>
public static partial class Slug
{
    public const string Description = "a lowercase slug: letters a-z, digits and single hyphens, starting with a letter or digit";

    public static bool IsValid(string? value) => value is not null && value.Length <= 100 && SlugPattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
