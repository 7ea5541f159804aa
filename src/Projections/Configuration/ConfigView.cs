using System.Text.Json.Nodes;
using EventSourced.Domain.Configuration;

namespace EventSourced.Projections.Configuration;

/// <summary>
/// An effective configuration and its provenance: for every leaf (dotted path), the layer that supplied it
/// (<c>template v1</c>, <c>program</c>, <c>campaign</c>) and the lower-layer values it overrode; plus the raw layers.
/// </summary>
public sealed record ConfigView(
    Guid Id,
    Guid TemplateId,
    int TemplateVersion,
    JsonObject Config,
    IReadOnlyDictionary<string, ConfigValueSource> Provenance,
    IReadOnlyList<ConfigLayer> Layers)
{
    public static ConfigView Of(Guid id, Guid templateId, int templateVersion, IReadOnlyList<ConfigLayer> layers)
    {
        var effective = ConfigMerge.Resolve(layers);
        return new ConfigView(id, templateId, templateVersion, effective.Config, effective.Provenance, layers);
    }
}
