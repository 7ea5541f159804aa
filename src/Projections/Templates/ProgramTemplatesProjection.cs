using EventSourced.Domain.Templates.Events;
using EventSourced.Domain.Templates;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

namespace EventSourced.Projections.Templates;

/// <summary>
/// Projects template events into <c>program_templates</c> with plain SQL, so operators' runbook queries work as
/// written. Registered Inline: the row changes in the same transaction as the events. Timestamps come from the
/// events themselves, so a rebuild reproduces the table exactly.
/// </summary>
public sealed class ProgramTemplatesProjection : ReadTableProjection
{
    public const string ProjectionName = "program_templates";

    public ProgramTemplatesProjection(string schema)
        : base(ProgramTemplatesTable.Define(schema))
    {
        IncludeType<TemplateCreated>();
        IncludeType<TemplateUpdated>();
        IncludeType<TemplatePublished>();
        IncludeType<TemplateDeprecated>();
        IncludeType<TemplateArchived>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case TemplateCreated c:
                Insert(operations, e,
                    "id, template_key, version, name, description, category, status, default_config, config_schema, deprecated_by, " +
                    "previous_version_id, created_at, updated_at",
                    "?, ?, ?, ?, ?::text, ?, ?, ?::jsonb, ?::jsonb, null, ?::uuid, ?, ?",
                    c.TemplateId, c.TemplateKey, c.Version, c.Name, c.Description!, c.Category, StatusText(TemplateStatus.Draft),
                    c.DefaultConfig.GetRawText(), c.ConfigSchema.GetRawText(), c.PreviousVersionId!, c.CreatedAt, c.CreatedAt);
                break;
            case TemplateUpdated u:
                Update(operations, e, u.TemplateId,
                    "name = ?, description = ?::text, category = ?, default_config = ?::jsonb, config_schema = ?::jsonb, updated_at = ?",
                    u.Name, u.Description!, u.Category, u.DefaultConfig.GetRawText(), u.ConfigSchema.GetRawText(), u.UpdatedAt);
                break;
            case TemplatePublished p:
                SetStatus(operations, e, p.TemplateId, TemplateStatus.Active, p.PublishedAt);
                break;
            case TemplateDeprecated d:
                Update(operations, e, d.TemplateId, "status = ?, deprecated_by = ?, updated_at = ?",
                    StatusText(TemplateStatus.Deprecated), d.DeprecatedBy, d.DeprecatedAt);
                break;
            case TemplateArchived a:
                SetStatus(operations, e, a.TemplateId, TemplateStatus.Archived, a.ArchivedAt);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The status as stored and as the API shows it: <c>draft</c>, <c>active</c>, <c>deprecated</c>, <c>archived</c>.</summary>
    public static string StatusText(TemplateStatus status) => status.ToString().ToLowerInvariant();

    private void SetStatus(IDocumentOperations operations, IEvent e, Guid id, TemplateStatus status, DateTimeOffset at) =>
        Update(operations, e, id, "status = ?, updated_at = ?", StatusText(status), at);
}
