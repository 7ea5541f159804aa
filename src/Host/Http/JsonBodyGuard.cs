using System.Text;
using System.Text.Json;
using EventSourced.Domain.Json;
using Microsoft.Net.Http.Headers;

namespace EventSourced.Host.Http;

/// <summary>
/// One gate for every request body, whatever its declared content type, before any endpoint reads it:
/// <list type="bullet">
/// <item>larger than <see cref="RequestBodyLimits.MaxBytes"/>: 413;</item>
/// <item>a body that is not declared JSON (no Content-Type, <c>text/plain</c>, a form…): 415, since every body this API reads is
/// JSON and a guess would skip the checks below;</item>
/// <item>bytes that are not UTF-8: 400 (System.Text.Json checks only the strings it decodes, so invalid bytes inside a
/// configuration document would otherwise reach the domain);</item>
/// <item>JSON holding what cannot be stored or read unambiguously: 400 naming every JSON path (or query parameter) — the NUL
/// character (PostgreSQL cannot store it in text or jsonb), escaped lone surrogates (not valid UTF-16; System.Text.Json
/// throws reading them), a key given twice in one object (which value counts would be a guess), and numbers outside
/// <see cref="StorableJsonNumber"/>.</item>
/// </list>
/// Malformed JSON is left to the endpoint's own parser, which names what is wrong with it.
/// </summary>
public sealed class JsonBodyGuard(RequestDelegate next, RequestBodyLimits limits)
{
    private const string NulMessage = "must not contain the NUL character (\\u0000)";
    private const string SurrogateMessage = "must be valid Unicode text (an escaped surrogate \\uD800–\\uDFFF without its pair is not)";
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private const string DuplicateMessage = "is given more than once in the same object; a body with duplicate keys is ambiguous";

    public async Task InvokeAsync(HttpContext context)
    {
        var offending = context.Request.Query
            .Where(pair => pair.Value.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true))
            .Select(pair => (Path: pair.Key, Message: NulMessage))
            .ToList();

        if (context.Request.ContentLength is not 0)
        {
            if (context.Request.ContentLength > limits.MaxBytes || await BufferAsync(context) is not { } body)
            {
                await TooLarge(context).ExecuteAsync(context);
                return;
            }

            if (body.Length > 0 && !IsJson(context.Request.ContentType))
            {
                await NotJson(context).ExecuteAsync(context);
                return;
            }

            if (!System.Text.Unicode.Utf8.IsValid(body))
            {
                // System.Text.Json only checks the UTF-8 of the strings it decodes: a JsonElement field would carry it inside.
                await Results.Problem("The body is not valid UTF-8 text (JSON is UTF-8, RFC 8259 §8.1).", context.Request.Path,
                    StatusCodes.Status400BadRequest, "Invalid JSON format").ExecuteAsync(context);
                return;
            }

            // System.Text.Json's deserializer skips a leading UTF-8 byte order mark; Utf8JsonReader does not: skip it here too, or
            // the scan would see malformed JSON and let through what the endpoint then reads.
            offending.AddRange(Unusable(body.AsSpan(body.AsSpan().StartsWith(Utf8ByteOrderMark) ? Utf8ByteOrderMark.Length : 0)));
        }

        if (offending.Count == 0)
        {
            await next(context);
            return;
        }

        var errors = offending.GroupBy(o => o.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o.Message).Distinct().ToArray(), StringComparer.Ordinal);
        await Results.Problem("The request holds values that cannot be stored or read unambiguously: see errors.", context.Request.Path,
                StatusCodes.Status400BadRequest, "Invalid request", extensions: new Dictionary<string, object?> { ["errors"] = errors })
            .ExecuteAsync(context);
    }

    /// <summary>Reads the whole body (at most the limit) and puts it back for the endpoint; null when it is over the limit.</summary>
    private async Task<byte[]?> BufferAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        context.Request.Body = new MemoryStream(body, writable: false);
        return body;
    }

    /// <summary><c>application/json</c> or any <c>+json</c> type, in UTF-8 (the only encoding JSON has, RFC 8259 §8.1).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private IResult TooLarge(HttpContext context) =>
        Results.Problem($"The request body is larger than {limits.MaxBytes} bytes ({RequestBodyLimits.Section}:MaxBytes).", context.Request.Path,
            StatusCodes.Status413PayloadTooLarge, "Request body too large");

    private static IResult NotJson(HttpContext context) =>
        Results.Problem($"Request bodies must be JSON in UTF-8: send 'Content-Type: application/json' (got " +
            $"{(string.IsNullOrEmpty(context.Request.ContentType) ? "no Content-Type" : $"'{context.Request.ContentType}'")}).",
            context.Request.Path, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type");

    // Walks the JSON and returns the path ("name", "tags[1]", "configOverrides.a.b") of every value (or property name) that
    // breaks a rule. Malformed JSON yields nothing more here: the endpoint's own parsing reports it.
    private static List<(string Path, string Message)> Unusable(ReadOnlySpan<byte> json)
    {
        var found = new List<(string, string)>();
        var path = new List<object>(); // property names (string) and array indices (int)
        var keys = new Stack<HashSet<string>?>(); // the names seen in each open object (null for an array)
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var (name, problem) = Read(ref reader);
                        path.Add(name);
                        if (problem is not null)
                        {
                            found.Add((Render(path), problem));
                        }
                        else if (keys.Peek()?.Add(name) == false)
                        {
                            found.Add((Render(path), DuplicateMessage));
                        }

                        continue; // the value that follows belongs to this property
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        AdvanceArrayIndex(path);
                        path.Add(reader.TokenType == JsonTokenType.StartArray ? -1 : string.Empty);
                        keys.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        keys.Pop();
                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped && Read(ref reader).Problem is { } stringProblem:
                        AdvanceArrayIndex(path);
                        found.Add((Render(path), stringProblem));
                        break;
                    case JsonTokenType.Number when StorableJsonNumber.Problem(Encoding.UTF8.GetString(reader.ValueSpan)) is { } numberProblem:
                        AdvanceArrayIndex(path);
                        found.Add((Render(path), numberProblem));
                        break;
                    default:
                        AdvanceArrayIndex(path);
                        break;
                }

                EndValue(path);
            }
        }
        catch (JsonException)
        {
        }

        return found;
    }

    // Only escaped strings can hold either: raw NUL bytes and invalid UTF-8 are malformed JSON, which the reader rejects.
    private static (string Text, string? Problem) Read(ref Utf8JsonReader reader)
    {
        try
        {
            var text = reader.GetString()!;
            return (text, text.Contains('\0', StringComparison.Ordinal) ? NulMessage : null);
        }
        catch (InvalidOperationException)
        {
            return ("?", SurrogateMessage);
        }
    }

    // Inside an array, each value moves the index on; after a property's value, the property name is dropped.
    private static void AdvanceArrayIndex(List<object> path)
    {
        if (path.Count > 0 && path[^1] is int index)
        {
            path[^1] = index + 1;
        }
    }

    private static void EndValue(List<object> path)
    {
        if (path.Count > 0 && path[^1] is string name && name.Length > 0)
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    private static string Render(List<object> path)
    {
        var text = new StringBuilder();
        foreach (var part in path)
        {
            switch (part)
            {
                case int index when index >= 0:
                    text.Append('[').Append(index).Append(']');
                    break;
                case string name when name.Length > 0:
                    text.Append(text.Length == 0 ? string.Empty : ".").Append(name);
                    break;
            }
        }

        return text.Length == 0 ? "$" : text.ToString();
    }
}
