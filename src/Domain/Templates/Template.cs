using System.Text.Json;
using EventSourced.Domain.Templates.Events;

namespace EventSourced.Domain.Templates;

/// <summary>
/// A template's state, folded from its stream. <see cref="VersionNumber"/> is the template's own integer version
/// (named so that it is never confused with the stream's version, which Marten tracks separately).
/// </summary>
public sealed record Template(
    Guid Id,
    string TemplateKey,
    int VersionNumber,
    string Name,
    string? Description,
    string Category,
    TemplateStatus Status,
    JsonElement DefaultConfig,
    JsonElement ConfigSchema,
    Guid? DeprecatedBy,
    Guid? PreviousVersionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static Template Create(TemplateCreated e) =>
        new(e.TemplateId, e.TemplateKey, e.Version, e.Name, e.Description, e.Category, TemplateStatus.Draft,
            e.DefaultConfig, e.ConfigSchema, DeprecatedBy: null, e.PreviousVersionId, e.CreatedAt, e.CreatedAt);

    public Template Apply(TemplateUpdated e) =>
        this with
        {
            Name = e.Name,
            Description = e.Description,
            Category = e.Category,
            DefaultConfig = e.DefaultConfig,
            ConfigSchema = e.ConfigSchema,
            UpdatedAt = e.UpdatedAt,
        };

    public Template Apply(TemplatePublished e) => this with { Status = TemplateStatus.Active, UpdatedAt = e.PublishedAt };

    public Template Apply(TemplateDeprecated e) =>
        this with { Status = TemplateStatus.Deprecated, DeprecatedBy = e.DeprecatedBy, UpdatedAt = e.DeprecatedAt };

    public Template Apply(TemplateArchived e) => this with { Status = TemplateStatus.Archived, UpdatedAt = e.ArchivedAt };

    /// <summary>Folds a whole stream; used by tests and tools that read events without Marten's aggregator.</summary>
    public static Template? Fold(IEnumerable<object> events)
    {
        Template? state = null;
        foreach (var e in events)
        {
            state = e switch
            {
                TemplateCreated created => Create(created),
                TemplateUpdated updated => state?.Apply(updated),
                TemplatePublished published => state?.Apply(published),
                TemplateDeprecated deprecated => state?.Apply(deprecated),
                TemplateArchived archived => state?.Apply(archived),
                _ => state,
            };
        }

        return state;
    }
}
