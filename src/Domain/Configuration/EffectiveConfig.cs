using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventSourced.Domain.Configuration;

/// <summary>
/// The result of layering configuration: the merged document and, for every leaf (keyed by its dotted path),
/// the layer that supplied it.
/// </summary>
public sealed record EffectiveConfig(JsonObject Config, IReadOnlyDictionary<string, ConfigValueSource> Provenance)
{
    public JsonElement ToElement() => JsonSerializer.SerializeToElement(Config);
}
