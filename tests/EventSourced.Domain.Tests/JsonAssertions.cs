using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventSourced.Domain.Tests;

/// <summary>Structural JSON comparison (key order does not matter), with the actual document in the failure message.</summary>
internal static class JsonAssertions
{
    public static void ShouldBeJson(this JsonElement actual, string expected) =>
        JsonElement.DeepEquals(actual, Json.Parse(expected))
            .ShouldBeTrue($"expected {Json.Parse(expected).GetRawText()} but was {actual.GetRawText()}");

    public static void ShouldBeJson(this JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(Json.Parse(expected).GetRawText()))
            .ShouldBeTrue($"expected {Json.Parse(expected).GetRawText()} but was {actual?.ToJsonString() ?? "null"}");
}
