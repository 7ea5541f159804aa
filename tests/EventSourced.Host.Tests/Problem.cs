using System.Text.Json.Serialization;

namespace EventSourced.Host.Tests;

/// <summary>An RFC 7807 problem as a client reads it, with the per-field <c>errors</c> extension.</summary>
public sealed record Problem(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("instance")] string? Instance,
    [property: JsonPropertyName("errors")] Dictionary<string, string[]>? Errors);
