using EventSourced.Domain.Configuration;

namespace EventSourced.Domain.Tests.Configuration;

/// <summary>Builders for configuration layers: template v1 → program → campaign.</summary>
internal static class ConfigScenario
{
    public static readonly string TemplateV1 = ConfigLayer.Template(1);

    public static ConfigLayer Layer(string source, string json) => new(source, Json.Parse(json));

    public static ConfigLayer Template(string json) => Layer(TemplateV1, json);

    public static ConfigLayer Program(string json) => Layer(ConfigLayer.Program, json);

    public static ConfigLayer Campaign(string json) => Layer(ConfigLayer.Campaign, json);

    public static EffectiveConfig Resolve(params ConfigLayer[] layers) => ConfigMerge.Resolve(layers);

    /// <summary>The leaf paths the provenance describes, in order.</summary>
    public static IReadOnlyList<string> Leaves(this EffectiveConfig effective) => effective.Provenance.Keys.Order(StringComparer.Ordinal).ToArray();

    public static ConfigValueSource Leaf(this EffectiveConfig effective, string path)
    {
        effective.Provenance.ShouldContainKey(path);
        return effective.Provenance[path];
    }
}
