using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventSourced.Projections.Integrity;

/// <summary>How reports are written as JSON (CLI <c>--json</c>, <c>GET /admin/integrity</c>): camelCase, enums as names.</summary>
public static class IntegrityJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
