using System.Text.Json;

namespace EventSourced.Domain.Programs.Events;

/// <summary>
/// The program moved to a newer version of its template (opt-in); its overrides were re-validated against it.
/// Like every event that changes a configuration layer, it carries all the layers, so projections recompute the
/// effective configuration from the event alone.
/// </summary>
public sealed record ProgramMigrated(
    Guid ProgramId,
    Guid FromTemplateId,
    int FromTemplateVersion,
    Guid ToTemplateId,
    int ToTemplateVersion,
    JsonElement TemplateDefaults,
    JsonElement ConfigOverrides,
    DateTimeOffset MigratedAt);
