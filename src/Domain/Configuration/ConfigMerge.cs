using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventSourced.Domain.Configuration;

/// <summary>
/// Configuration inheritance (template → program → campaign) with JSON Merge Patch semantics (RFC 7386):
/// objects merge key by key, arrays and scalars replace, an explicit <c>null</c> removes the key.
/// Every leaf remembers which layer supplied it.
/// </summary>
public static class ConfigMerge
{
    public static EffectiveConfig Resolve(IEnumerable<ConfigLayer> layers)
    {
        var config = new JsonObject();
        var provenance = new SortedDictionary<string, ConfigValueSource>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (layer.Values.ValueKind == JsonValueKind.Object)
            {
                Apply(config, JsonObject.Create(layer.Values)!, layer.Source, prefix: string.Empty, provenance);
            }
        }

        return new EffectiveConfig(config, provenance);
    }

    /// <summary>The merged document only, for callers that do not need provenance.</summary>
    public static JsonElement Merge(params JsonElement[] layers) =>
        Resolve(layers.Select((values, i) => new ConfigLayer(i.ToString(System.Globalization.CultureInfo.InvariantCulture), values))).ToElement();

    private static void Apply(JsonObject target, JsonObject patch, string source, string prefix, SortedDictionary<string, ConfigValueSource> provenance)
    {
        foreach (var (key, patchValue) in patch.ToArray())
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (patchValue is null)
            {
                target.Remove(key);
                RemoveUnder(provenance, path);
                continue;
            }

            if (patchValue is JsonObject patchObject)
            {
                if (target[key] is not JsonObject targetObject)
                {
                    var replaced = Snapshot(provenance, path);
                    RemoveUnder(provenance, path);
                    targetObject = new JsonObject();
                    target[key] = targetObject;
                    if (patchObject.Count == 0)
                    {
                        provenance[path] = new ConfigValueSource(source, new JsonObject(), replaced);
                    }
                }
                else if (patchObject.Count == 0 && targetObject.Count == 0)
                {
                    provenance[path] = new ConfigValueSource(source, new JsonObject(), Snapshot(provenance, path));
                }

                Apply(targetObject, patchObject, source, path, provenance);
                if (targetObject.Count > 0)
                {
                    provenance.Remove(path); // an object with leaves is described by its leaves
                }

                continue;
            }

            var overridden = Snapshot(provenance, path);
            RemoveUnder(provenance, path);
            target[key] = patchValue.DeepClone();
            provenance[path] = new ConfigValueSource(source, patchValue.DeepClone(), overridden);
        }
    }

    // The values (at this path or below it) that a new value is about to replace, most recent first.
    private static IReadOnlyList<OverriddenValue> Snapshot(SortedDictionary<string, ConfigValueSource> provenance, string path)
    {
        if (provenance.TryGetValue(path, out var existing))
        {
            return [new OverriddenValue(existing.Source, existing.Value?.DeepClone()), .. existing.Overridden];
        }

        return [];
    }

    private static void RemoveUnder(SortedDictionary<string, ConfigValueSource> provenance, string path)
    {
        foreach (var key in provenance.Keys.Where(k => k == path || k.StartsWith(path + ".", StringComparison.Ordinal)).ToArray())
        {
            provenance.Remove(key);
        }
    }
}
