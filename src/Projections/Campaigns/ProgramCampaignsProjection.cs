using EventSourced.Domain.Common;
using System.Text.Json;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Configuration;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;

namespace EventSourced.Projections.Campaigns;

/// <summary>
/// Projects campaign events into <c>program_campaigns</c> (inline, plain SQL). The stored <c>config</c> is recomputed
/// from the three layers (template, program, campaign) each configuration-changing event carries.
/// </summary>
public sealed class ProgramCampaignsProjection : ReadTableProjection
{
    public const string ProjectionName = ProgramCampaignsTable.Name;

    public ProgramCampaignsProjection(string schema)
        : base(ProgramCampaignsTable.Define(schema))
    {
        IncludeType<CampaignCreated>();
        IncludeType<CampaignUpdated>();
        IncludeType<CampaignRebased>();
        IncludeType<CampaignProbabilityChanged>();
        IncludeType<CampaignApprovalRequested>();
        IncludeType<CampaignWon>();
        IncludeType<CampaignApprovalRejected>();
    }

    public override RowChange? Change(IEvent e) => e.Data switch
    {
        CampaignCreated c => Insert(e, c.CampaignId, ("program_id", c.ProgramId), ("company_id", c.CompanyId), ("name", c.Name),
            ("target_enrollment", c.TargetEnrollment), ("max_enrollment", c.MaxEnrollment), ("budget_amount", c.Budget?.Amount),
            ("budget_currency", c.Budget?.Currency), ("start_date", c.StartDate), ("end_date", c.EndDate),
            ("status", WireNames.Of(CampaignStatus.Draft)), ("template_id", c.TemplateId), ("template_version", c.TemplateVersion),
            ("config", Config(c.TemplateVersion, c.TemplateDefaults, c.ProgramOverrides, c.ConfigOverrides)),
            ("config_overrides", c.ConfigOverrides.GetRawText()), ("created_at", c.CreatedAt), ("updated_at", c.CreatedAt)),
        CampaignUpdated u => Update(e, u.CampaignId, ("name", u.Name), ("target_enrollment", u.TargetEnrollment), ("max_enrollment", u.MaxEnrollment),
            ("budget_amount", u.Budget?.Amount), ("budget_currency", u.Budget?.Currency), ("start_date", u.StartDate), ("end_date", u.EndDate),
            ("config", Config(u.TemplateVersion, u.TemplateDefaults, u.ProgramOverrides, u.ConfigOverrides)),
            ("config_overrides", u.ConfigOverrides.GetRawText()), ("updated_at", u.UpdatedAt)),
        CampaignRebased r => Update(e, r.CampaignId, ("template_id", r.TemplateId), ("template_version", r.TemplateVersion),
            ("config", Config(r.TemplateVersion, r.TemplateDefaults, r.ProgramOverrides, r.ConfigOverrides)),
            ("config_overrides", r.ConfigOverrides.GetRawText()), ("updated_at", r.RebasedAt)),
        CampaignProbabilityChanged p => Update(e, p.CampaignId, ("probability", p.To), ("updated_at", p.ChangedAt)),
        CampaignApprovalRequested a => Update(e, a.CampaignId, ("approval_request_id", a.ApprovalId), ("reservation_id", a.ReservationId),
            ("updated_at", a.RequestedAt)),
        CampaignWon w => Update(e, w.CampaignId, ("status", WireNames.Of(CampaignStatus.Won)), ("probability", 100),
            ("order_id", w.OrderId), ("updated_at", w.WonAt)),
        CampaignApprovalRejected r => Update(e, r.CampaignId, ("probability", r.ProbabilityRestored), ("updated_at", r.RejectedAt)),
        _ => null,
    };

    private static string Config(int templateVersion, JsonElement templateDefaults, JsonElement programOverrides, JsonElement campaignOverrides) =>
        ConfigMerge.Resolve(CampaignState.Layers(templateVersion, templateDefaults, programOverrides, campaignOverrides)).ToElement().GetRawText();
}
