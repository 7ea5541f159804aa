using System.Text.Json;
using EventSourced.Domain.Templates.Events;

namespace EventSourced.Domain.Templates;

/// <summary>
/// A template's state, folded from its stream. <see cref="VersionNumber"/> is the template's own integer version
/// (named so that it is never confused with the stream's version, which Marten tracks separately).
/// <see cref="From"/> and <see cref="When(TemplateUpdated)"/> are the fold; they are deliberately not named Create/Apply,
/// which Marten would try to dispatch by convention (EventSourced.Projections wires the fold explicitly).
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
    public static Template From(TemplateCreated e) =>
        new(e.TemplateId, e.TemplateKey, e.Version, e.Name, e.Description, e.Category, TemplateStatus.Draft,
            e.DefaultConfig, e.ConfigSchema, DeprecatedBy: null, e.PreviousVersionId, e.CreatedAt, e.CreatedAt);

    public Template When(TemplateUpdated e) =>
        this with
        {
            Name = e.Name,
            Description = e.Description,
            Category = e.Category,
            DefaultConfig = e.DefaultConfig,
            ConfigSchema = e.ConfigSchema,
            UpdatedAt = e.UpdatedAt,
        };

    public Template When(TemplatePublished e) => this with { Status = TemplateStatus.Active, UpdatedAt = e.PublishedAt };

    public Template When(TemplateDeprecated e) =>
        this with { Status = TemplateStatus.Deprecated, DeprecatedBy = e.DeprecatedBy, UpdatedAt = e.DeprecatedAt };

    public Template When(TemplateArchived e) => this with { Status = TemplateStatus.Archived, UpdatedAt = e.ArchivedAt };

    /// <summary>One step of the fold: the state after <paramref name="e"/>. Events of other streams leave it unchanged.</summary>
    public static Template? Evolve(Template? state, object e) => e switch
    {
        TemplateCreated created => From(created),
        TemplateUpdated updated => state?.When(updated),
        TemplatePublished published => state?.When(published),
        TemplateDeprecated deprecated => state?.When(deprecated),
        TemplateArchived archived => state?.When(archived),
        _ => state,
    };

    /// <summary>Folds a whole stream, oldest event first.</summary>
    public static Template? Fold(IEnumerable<object> events) => events.Aggregate((Template?)null, Evolve);
}
