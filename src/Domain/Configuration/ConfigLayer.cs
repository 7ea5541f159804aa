using System.Text.Json;

namespace EventSourced.Domain.Configuration;

/// <summary>One layer of configuration: where it comes from (<c>template v1</c>, <c>program</c>, <c>campaign</c>) and its values.</summary>
public sealed record ConfigLayer(string Source, JsonElement Values)
{
    public const string Program = "program";
    public const string Campaign = "campaign";

    public static string Template(int version) => $"template v{version}";
}
