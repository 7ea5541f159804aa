using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Programs;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

namespace EventSourced.Projections.Programs;

/// <summary>
/// Projects program events into <c>programs</c> (inline, plain SQL). The stored <c>config</c> is recomputed here
/// from the configuration layers each event carries, with the domain's own merge.
/// </summary>
public sealed class ProgramsProjection : ReadTableProjection
{
    public const string ProjectionName = ProgramsTable.Name;

    public ProgramsProjection(string schema)
        : base(ProgramsTable.Define(schema))
    {
        IncludeType<ProgramCreated>();
        IncludeType<ProgramStatusChanged>();
        IncludeType<ProgramMigrated>();
        IncludeType<CampaignDeployed>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ProgramCreated c:
                Insert(operations, e,
                    "id, program_key, name, template_id, template_key, template_version, program_type, beneficiary_group_id, status, config, " +
                    "config_overrides, tags, sdg_goals, created_at, updated_at",
                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?",
                    c.ProgramId, c.ProgramKey, c.Name, c.TemplateId, c.TemplateKey, c.TemplateVersion, c.ProgramType, c.BeneficiaryGroupId,
                    ProgramDecisions.StatusName(ProgramStatus.Draft), Config(c.TemplateVersion, c.TemplateDefaults, c.ConfigOverrides),
                    c.ConfigOverrides.GetRawText(), c.Tags.ToArray(), c.SdgGoals.ToArray(), c.CreatedAt, c.CreatedAt);
                break;
            case ProgramStatusChanged s:
                Update(operations, e, s.ProgramId, "status = ?, updated_at = ?", ProgramDecisions.StatusName(s.To), s.ChangedAt);
                break;
            case ProgramMigrated m:
                Update(operations, e, m.ProgramId, "template_id = ?, template_version = ?, config = ?::jsonb, config_overrides = ?::jsonb, updated_at = ?",
                    m.ToTemplateId, m.ToTemplateVersion, Config(m.ToTemplateVersion, m.TemplateDefaults, m.ConfigOverrides),
                    m.ConfigOverrides.GetRawText(), m.MigratedAt);
                break;
            case CampaignDeployed d:
                Update(operations, e, d.ProgramId, "updated_at = ?", d.DeployedAt);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private static string Config(int templateVersion, System.Text.Json.JsonElement defaults, System.Text.Json.JsonElement overrides) =>
        ConfigMerge.Resolve([new(ConfigLayer.Template(templateVersion), defaults), new(ConfigLayer.Program, overrides)]).ToElement().GetRawText();
}
