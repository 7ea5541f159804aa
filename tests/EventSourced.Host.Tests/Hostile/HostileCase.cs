using System.Text;
using EventSourced.Host.Tests.Reliability;

namespace EventSourced.Host.Tests.Hostile;

/// <summary>One generated request: the endpoint it mutates, the mutations applied (in order), and what goes on the wire.</summary>
internal sealed record HostileCase(WriteEndpoint Endpoint, IReadOnlyList<string> Mutations, string Path, byte[] Body, string? ContentType)
{
    /// <summary>The kinds of mutation applied ("value", "duplicate key"…), for the figures.</summary>
    public string Kind => string.Join(" + ", Mutations.Select(m => m.Split(':')[0]).Distinct().Order(StringComparer.Ordinal));

    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        return $"{Endpoint.Method} {Path} [{string.Join("; ", Mutations)}] Content-Type: {ContentType ?? "(none)"}, " +
               $"body ({Body.Length} bytes): {(text.Length > 300 ? text[..300] + "…" : text)}";
    }
}
