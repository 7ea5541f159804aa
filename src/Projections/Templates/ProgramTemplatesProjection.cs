using EventSourced.Domain.Common;
using EventSourced.Domain.Templates.Events;
using EventSourced.Domain.Templates;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;

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

    public override RowChange? Change(IEvent e) => e.Data switch
    {
        TemplateCreated c => Insert(e, c.TemplateId, ("template_key", c.TemplateKey), ("version", c.Version), ("name", c.Name),
            ("description", c.Description), ("category", c.Category), ("status", WireNames.Of(TemplateStatus.Draft)),
            ("default_config", c.DefaultConfig.GetRawText()), ("config_schema", c.ConfigSchema.GetRawText()), ("deprecated_by", null),
            ("previous_version_id", c.PreviousVersionId), ("created_at", c.CreatedAt), ("updated_at", c.CreatedAt)),
        TemplateUpdated u => Update(e, u.TemplateId, ("name", u.Name), ("description", u.Description), ("category", u.Category),
            ("default_config", u.DefaultConfig.GetRawText()), ("config_schema", u.ConfigSchema.GetRawText()), ("updated_at", u.UpdatedAt)),
        TemplatePublished p => Update(e, p.TemplateId, ("status", WireNames.Of(TemplateStatus.Active)), ("updated_at", p.PublishedAt)),
        TemplateDeprecated d => Update(e, d.TemplateId, ("status", WireNames.Of(TemplateStatus.Deprecated)), ("deprecated_by", d.DeprecatedBy),
            ("updated_at", d.DeprecatedAt)),
        TemplateArchived a => Update(e, a.TemplateId, ("status", WireNames.Of(TemplateStatus.Archived)), ("updated_at", a.ArchivedAt)),
        _ => null,
    };
}
