using System.Text.Json;

namespace EventSourced.Domain.Tests;

/// <summary>JSON literals for tests, written with single quotes to keep them readable.</summary>
internal static class Json
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json.Replace('\'', '"')).RootElement.Clone();

    public static JsonElement Empty => Parse("{}");
}
