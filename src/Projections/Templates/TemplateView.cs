using System.Text.Json;

namespace EventSourced.Projections.Templates;

/// <summary>A row of <c>program_templates</c> as the API returns it (camelCase JSON).</summary>
public sealed record TemplateView(
    Guid Id,
    string TemplateKey,
    int Version,
    string Name,
    string? Description,
    string Category,
    string Status,
    JsonElement DefaultConfig,
    JsonElement ConfigSchema,
    Guid? DeprecatedBy,
    Guid? PreviousVersionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
