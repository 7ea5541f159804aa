using System.Text;
using System.Text.Json;

namespace EventSourced.Host.Http;

/// <summary>
/// PostgreSQL cannot store the NUL character (U+0000) in text or jsonb, so a request carrying one would fail deep in a
/// commit with a 500. This middleware refuses it up front: 400 naming every JSON path (or query parameter) that holds one.
/// </summary>
public sealed class NulCharacterGuard(RequestDelegate next)
{
    private const string Message = "must not contain the NUL character (\\u0000)";

    public async Task InvokeAsync(HttpContext context)
    {
        var offending = context.Request.Query
            .Where(pair => pair.Value.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true))
            .Select(pair => pair.Key)
            .ToList();

        if (context.Request.ContentLength is not 0 && context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            offending.AddRange(PathsWithNul(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        }

        if (offending.Count == 0)
        {
            await next(context);
            return;
        }

        await Results.Problem("Text containing the NUL character cannot be stored.", context.Request.Path, StatusCodes.Status400BadRequest,
                "Invalid characters", extensions: new Dictionary<string, object?> { ["errors"] = offending.Distinct().ToDictionary(p => p, _ => new[] { Message }) })
            .ExecuteAsync(context);
    }

    // Walks the JSON and returns the path ("name", "tags[1]", "configOverrides.a.b") of every string holding U+0000.
    // Malformed JSON yields nothing here: the endpoint's own parsing reports it.
    private static List<string> PathsWithNul(ReadOnlySpan<byte> json)
    {
        var found = new List<string>();
        var path = new List<object>(); // property names (string) and array indices (int)
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        path.Add(name);
                        if (name.Contains('\0', StringComparison.Ordinal))
                        {
                            found.Add(Render(path));
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
                    case JsonTokenType.String when reader.ValueIsEscaped && reader.GetString()!.Contains('\0', StringComparison.Ordinal):
                        AdvanceArrayIndex(path);
                        found.Add(Render(path));
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
