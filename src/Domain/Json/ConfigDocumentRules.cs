using System.Text;
using System.Text.Json;
using EventSourced.Domain.Common;

namespace EventSourced.Domain.Json;

/// <summary>
/// What every stored configuration document (<c>defaultConfig</c>, <c>configSchema</c>, <c>configOverrides</c>) must be,
/// whichever way it arrived (HTTP, a Wolverine message, a host calling the decisions): at most
/// <see cref="MaxBytes"/> of JSON, no key given twice in one object (the document would be ambiguous, and merging it
/// would fail), numbers PostgreSQL can store (<see cref="StorableJsonNumber"/>), and text without NUL or broken surrogates.
/// Non-objects are the command validators' to report.
/// </summary>
public static class ConfigDocumentRules
{
    /// <summary>64 KiB: far above any real configuration, far below the request body limit.</summary>
    public const int MaxBytes = 64 * 1024;

    public const string DuplicateKey = "is given more than once in the same object; a JSON document with duplicate keys is ambiguous";

    public static IReadOnlyList<FieldError> Check(JsonElement? document, string fieldPath)
    {
        if (document is not { ValueKind: JsonValueKind.Object } json)
        {
            return [];
        }

        string raw;
        try
        {
            raw = json.GetRawText();
        }
        catch (InvalidOperationException)
        {
            // A JsonElement deserialized from a stream keeps its bytes unchecked until read.
            return [new FieldError(fieldPath, "must be valid UTF-8 text", "text")];
        }

        var size = Encoding.UTF8.GetByteCount(raw);
        if (size > MaxBytes)
        {
            return [new FieldError(fieldPath, $"must be at most {MaxBytes} bytes of JSON (it is {size} bytes)", "maxBytes")];
        }

        var errors = new List<FieldError>();
        Walk(json, fieldPath, errors);
        return errors;
    }

    private static void Walk(JsonElement element, string path, List<FieldError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (NameOf(property) is not { } name)
                    {
                        errors.Add(new FieldError($"{path}.?", BrokenSurrogate, "text"));
                        continue;
                    }

                    var at = $"{path}.{name}";
                    if (TextProblem(name) is { } nameProblem)
                    {
                        errors.Add(new FieldError(at, nameProblem, "text"));
                    }
                    else if (!seen.Add(name))
                    {
                        errors.Add(new FieldError(at, DuplicateKey, "uniqueKeys"));
                    }

                    Walk(property.Value, at, errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", errors);
                }

                break;
            case JsonValueKind.Number when StorableJsonNumber.Problem(element.GetRawText()) is { } numberProblem:
                errors.Add(new FieldError(path, numberProblem, "number"));
                break;
            case JsonValueKind.String when StringProblem(element) is { } stringProblem:
                errors.Add(new FieldError(path, stringProblem, "text"));
                break;
        }
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? StringProblem(JsonElement text)
    {
        try
        {
            return TextProblem(text.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return BrokenSurrogate; // an escaped lone surrogate ("\ud800") cannot even be read as a string
        }
    }

    private const string BrokenSurrogate = "must be valid Unicode text (an escaped surrogate \\uD800–\\uDFFF without its pair is not)";

    private static string? TextProblem(string text) =>
        text.Contains('\0', StringComparison.Ordinal) ? "must not contain the NUL character (\\u0000), which PostgreSQL cannot store"
        : HasLoneSurrogate(text) ? BrokenSurrogate
        : null;

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
