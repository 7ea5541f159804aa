using System.Text.Json;

namespace EventSourced.Domain.Templates.Events;

/// <summary>A new draft: version 1 of a new key, or version N+1 of an existing key (then <see cref="PreviousVersionId"/> is set).</summary>
public sealed record TemplateCreated(
    Guid TemplateId,
    string TemplateKey,
    int Version,
    string Name,
    string? Description,
    string Category,
    JsonElement DefaultConfig,
    JsonElement ConfigSchema,
    Guid? PreviousVersionId,
    DateTimeOffset CreatedAt) : ITemplateEvent;
