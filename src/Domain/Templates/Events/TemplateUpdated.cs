using System.Text.Json;

namespace EventSourced.Domain.Templates.Events;

/// <summary>A draft's content after an edit (the whole content, so projections never need to merge).</summary>
public sealed record TemplateUpdated(
    Guid TemplateId,
    string Name,
    string? Description,
    string Category,
    JsonElement DefaultConfig,
    JsonElement ConfigSchema,
    DateTimeOffset UpdatedAt) : ITemplateEvent;
