using System.Text;
using System.Text.Json;

namespace EventSourced.Host.Http;

/// <summary>
/// Text that cannot be stored or even read as a .NET string would fail deep in a request with a 500: PostgreSQL cannot store
/// the NUL character (U+0000) in text or jsonb, and an escaped lone surrogate (<c>"\ud800"</c>) is not valid UTF-16, so
/// System.Text.Json refuses to read it with an InvalidOperationException the endpoints' JSON handling does not expect. This
/// middleware refuses both up front: 400 naming every JSON path (or query parameter) that holds one.
/// </summary>
public sealed class UnstorableTextGuard(RequestDelegate next)
{
    private const string NulMessage = "must not contain the NUL character (\\u0000)";
    private const string SurrogateMessage = "must be valid Unicode text (an escaped surrogate \\uD800–\\uDFFF without its pair is not)";

    public async Task InvokeAsync(HttpContext context)
    {
        var offending = context.Request.Query
            .Where(pair => pair.Value.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true))
            .Select(pair => (Path: pair.Key, Message: NulMessage))
            .ToList();

        if (context.Request.ContentLength is not 0 && context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            offending.AddRange(UnstorableStrings(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        }

        if (offending.Count == 0)
        {
            await next(context);
            return;
        }

        var errors = offending.GroupBy(o => o.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o.Message).Distinct().ToArray(), StringComparer.Ordinal);
        await Results.Problem("Text containing the NUL character or broken surrogate pairs cannot be stored.", context.Request.Path,
                StatusCodes.Status400BadRequest, "Invalid characters", extensions: new Dictionary<string, object?> { ["errors"] = errors })
            .ExecuteAsync(context);
    }

    // Walks the JSON and returns the path ("name", "tags[1]", "configOverrides.a.b") of every string (or property name) that
    // holds U+0000 or a lone surrogate. Malformed JSON yields nothing more here: the endpoint's own parsing reports it.
    private static List<(string Path, string Message)> UnstorableStrings(ReadOnlySpan<byte> json)
    {
        var found = new List<(string, string)>();
        var path = new List<object>(); // property names (string) and array indices (int)
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

                        continue; // the value that follows belongs to this property
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        AdvanceArrayIndex(path);
                        path.Add(reader.TokenType == JsonTokenType.StartArray ? -1 : string.Empty);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped && Read(ref reader).Problem is { } stringProblem:
                        AdvanceArrayIndex(path);
                        found.Add((Render(path), stringProblem));
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
