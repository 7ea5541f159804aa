using System.Globalization;
using System.Text;

namespace EventSourced.Domain.Common;

/// <summary>Derives a slug from free text: "Mentorship for Syrian Refugees 2024" → "mentorship-for-syrian-refugees-2024".</summary>
public static class SlugFrom
{
    public const int MaxLength = 80;

    // Latin letters that Unicode does not decompose into a base letter plus accents.
    private static readonly Dictionary<char, string> Transliterations = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ı'] = "i",
    };

    /// <param name="fallback">Used when nothing sluggable is left (e.g. a name in a non-Latin script).</param>
    public static string Text(string text, string fallback)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue; // drop accents: "Café" → "cafe"
            }

            var lower = char.ToLowerInvariant(c);
            if (Transliterations.TryGetValue(lower, out var latin))
            {
                builder.Append(latin);
                continue;
            }

            builder.Append(char.IsAsciiLetterOrDigit(lower) ? lower : '-');
        }

        var slug = string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary>The first of <c>slug</c>, <c>slug-2</c>, <c>slug-3</c>, … that is not taken.</summary>
    public static string FirstFree(string slug, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(slug))
        {
            return slug;
        }

        for (var suffix = 2; ; suffix++)
        {
            var candidate = $"{slug}-{suffix}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
