using System.Text.Json;
using System.Text.Json.Nodes;
using EventSourced.Domain.Configuration;

namespace EventSourced.Host.Tests.Programs;

/// <summary>Structural JSON comparison (key order does not matter: jsonb reorders keys), with the actual document in the failure message.</summary>
internal static class JsonAssertions
{
    public static void ShouldBeJson(this JsonElement actual, string expected)
    {
        using var document = JsonDocument.Parse(expected);
        JsonElement.DeepEquals(actual, document.RootElement)
            .ShouldBeTrue($"expected {document.RootElement.GetRawText()} but was {actual.GetRawText()}");
    }

    public static void ShouldBeJson(this JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected))
            .ShouldBeTrue($"expected {JsonNode.Parse(expected)?.ToJsonString()} but was {actual?.ToJsonString() ?? "null"}");

    /// <summary>One provenance entry as text: <c>campaign: 45 &gt; program: 90 &gt; template v1: 60</c> (value, then what it overrode).</summary>
    public static string Describe(this ConfigValueSource source) =>
        $"{source.Source}: {source.Value?.ToJsonString()}" + string.Concat(source.Overridden.Select(o => $" > {o.Source}: {o.Value?.ToJsonString()}"));
}
