using System.Globalization;

namespace EventSourced.Domain.Json;

/// <summary>
/// The one rule for numbers in stored JSON. PostgreSQL keeps jsonb numbers as <c>numeric</c>, which refuses an exponent
/// beyond its range (<c>1e1000000</c> fails the append) and expands a short literal into a huge one (<c>1e131071</c> is
/// 131 KB on disk). JSON's own interoperability advice (RFC 8259 §6) is to stay within IEEE 754 double precision, so that is
/// the rule: finite as a double, not a non-zero literal that rounds to zero, and a literal of at most
/// <see cref="MaxLiteralLength"/> characters. Every number that passes is stored exactly as written.
/// </summary>
public static class StorableJsonNumber
{
    public const int MaxLiteralLength = 64;

    /// <summary>Why <paramref name="literal"/> (a JSON number as written) cannot be stored, or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> literal)
    {
        if (literal.Length > MaxLiteralLength)
        {
            return $"must be a number written in at most {MaxLiteralLength} characters (it has {literal.Length})";
        }

        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
        {
            return "must be a number within the range of a 64-bit float (about ±1.8e308)";
        }

        if (value == 0 && HasNonZeroDigit(literal))
        {
            return "must be zero or at least about 4.9e-324 in magnitude (smaller numbers cannot be stored exactly)";
        }

        return null;
    }

    private static bool HasNonZeroDigit(ReadOnlySpan<char> literal)
    {
        foreach (var c in literal)
        {
            if (c is 'e' or 'E')
            {
                return false; // the exponent's digits say nothing about the value being zero
            }

            if (c is >= '1' and <= '9')
            {
                return true;
            }
        }

        return false;
    }
}
