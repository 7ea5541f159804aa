using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace EventSourced.Domain.Json;

/// <summary>
/// NJsonSchema's format validators, with the ones that use regular expressions replaced by the same expressions on .NET's
/// non-backtracking engine: linear in the value's length, so a crafted e-mail address or host name cannot make validation
/// slow. The expressions are NJsonSchema's own (11.x), so what is valid does not change.
/// </summary>
internal static class BoundedFormatValidators
{
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public static IReadOnlyList<IFormatValidator> All { get; } = Build();

    private static IReadOnlyList<IFormatValidator> Build()
    {
        var replacements = new IFormatValidator[]
        {
            new DateTime(),
            new Expression(JsonFormatStrings.Email, ValidationErrorKind.EmailExpected,
                new Regex(@"^\A(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\Z$",
                    Linear | RegexOptions.IgnoreCase)),
            new Expression(JsonFormatStrings.Hostname, ValidationErrorKind.HostnameExpected,
                new Regex(@"^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\-]*[A-Za-z0-9])$", Linear | RegexOptions.IgnoreCase)),
            new Expression(JsonFormatStrings.IpV4, ValidationErrorKind.IpV4Expected,
                new Regex(@"^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$", Linear | RegexOptions.IgnoreCase)),
            new Base64(JsonFormatStrings.Byte),
#pragma warning disable CS0618 // "base64" is obsolete in NJsonSchema but still validated by it, so here too
            new Base64(JsonFormatStrings.Base64),
#pragma warning restore CS0618
        };

        var replaced = replacements.Select(v => v.Format).ToHashSet(StringComparer.Ordinal);
        return new JsonSchemaValidatorSettings().FormatValidators.Where(v => !replaced.Contains(v.Format)).Concat(replacements).ToArray();
    }

    private sealed class Expression(string format, ValidationErrorKind kind, Regex expression) : IFormatValidator
    {
        public string Format { get; } = format;

        public ValidationErrorKind ValidationErrorKind { get; } = kind;

        public bool IsValid(string value, JTokenType tokenType) => expression.IsMatch(value);
    }

    private sealed class Base64(string format) : IFormatValidator
    {
        private static readonly Regex Alphabet = new(@"^[a-zA-Z0-9\+/]*={0,3}$", Linear);

        public string Format { get; } = format;

        public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.Base64Expected;

        public bool IsValid(string value, JTokenType tokenType) => value.Length % 4 == 0 && Alphabet.IsMatch(value);
    }

    private sealed class DateTime : IFormatValidator
    {
        private static readonly string[] Formats =
        [
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ssK",
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd' 'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd' 'HH:mm", "yyyy-MM-dd'T'HH",
            "yyyy-MM-dd' 'HH", "yyyy-MM-dd", "yyyy-MM-dd'Z'", "yyyyMMdd", "yyyy-MM", "yyyy",
        ];

        private static readonly Regex Pattern = new(@"^((?:(\d{4}-\d{2}-\d{2})([Tt_]| )(\d{2}:\d{2}:\d{2}(?:\.\d+)?))([Zz]|[\+-]\d{2}:\d{2}))$", Linear);

        public string Format => JsonFormatStrings.DateTime;

        public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.DateTimeExpected;

        public bool IsValid(string value, JTokenType tokenType) =>
            tokenType == JTokenType.Date
            || DateTimeOffset.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || Pattern.IsMatch(value);
    }
}
