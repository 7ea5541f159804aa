using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Programs;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;

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

    public override RowChange? Change(IEvent e) => e.Data switch
    {
        ProgramCreated c => Insert(e, c.ProgramId, ("program_key", c.ProgramKey), ("name", c.Name), ("template_id", c.TemplateId),
            ("template_key", c.TemplateKey), ("template_version", c.TemplateVersion), ("program_type", c.ProgramType),
            ("beneficiary_group_id", c.BeneficiaryGroupId), ("status", WireNames.Of(ProgramStatus.Draft)),
            ("config", Config(c.TemplateVersion, c.TemplateDefaults, c.ConfigOverrides)), ("config_overrides", c.ConfigOverrides.GetRawText()),
            ("tags", c.Tags.ToArray()), ("sdg_goals", c.SdgGoals.ToArray()), ("created_at", c.CreatedAt), ("updated_at", c.CreatedAt)),
        ProgramStatusChanged s => Update(e, s.ProgramId, ("status", WireNames.Of(s.To)), ("updated_at", s.ChangedAt)),
        ProgramMigrated m => Update(e, m.ProgramId, ("template_id", m.ToTemplateId), ("template_version", m.ToTemplateVersion),
            ("config", Config(m.ToTemplateVersion, m.TemplateDefaults, m.ConfigOverrides)), ("config_overrides", m.ConfigOverrides.GetRawText()),
            ("updated_at", m.MigratedAt)),
        CampaignDeployed d => Update(e, d.ProgramId, ("updated_at", d.DeployedAt)),
        _ => null,
    };

    private static string Config(int templateVersion, System.Text.Json.JsonElement defaults, System.Text.Json.JsonElement overrides) =>
        ConfigMerge.Resolve([new(ConfigLayer.Template(templateVersion), defaults), new(ConfigLayer.Program, overrides)]).ToElement().GetRawText();
}
