using System.Text.Json.Nodes;

namespace EventSourced.Domain.Configuration;

/// <summary>Where one leaf of the effective configuration comes from, and which lower layers it overrode.</summary>
public sealed record ConfigValueSource(string Source, JsonNode? Value, IReadOnlyList<OverriddenValue> Overridden);

/// <summary>A value a higher layer replaced.</summary>
public sealed record OverriddenValue(string Source, JsonNode? Value);
