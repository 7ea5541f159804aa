using System.Text.Json;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

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

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case CampaignCreated c:
                Insert(operations, e,
                    "id, program_id, company_id, name, target_enrollment, max_enrollment, budget_amount, budget_currency, start_date, end_date, " +
                    "status, template_id, template_version, config, config_overrides, created_at, updated_at",
                    "?, ?, ?, ?, ?, ?, ?::numeric, ?::text, ?::date, ?::date, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?",
                    c.CampaignId, c.ProgramId, c.CompanyId, c.Name, c.TargetEnrollment, c.MaxEnrollment, c.Budget?.Amount!, c.Budget?.Currency!,
                    c.StartDate!, c.EndDate!, ProgramDecisions.StatusName(CampaignStatus.Draft), c.TemplateId, c.TemplateVersion,
                    Config(c.TemplateVersion, c.TemplateDefaults, c.ProgramOverrides, c.ConfigOverrides), c.ConfigOverrides.GetRawText(),
                    c.CreatedAt, c.CreatedAt);
                break;
            case CampaignUpdated u:
                Update(operations, e, u.CampaignId,
                    "name = ?, target_enrollment = ?, max_enrollment = ?, budget_amount = ?::numeric, budget_currency = ?::text, " +
                    "start_date = ?::date, end_date = ?::date, config = ?::jsonb, config_overrides = ?::jsonb, updated_at = ?",
                    u.Name, u.TargetEnrollment, u.MaxEnrollment, u.Budget?.Amount!, u.Budget?.Currency!, u.StartDate!, u.EndDate!,
                    Config(u.TemplateVersion, u.TemplateDefaults, u.ProgramOverrides, u.ConfigOverrides), u.ConfigOverrides.GetRawText(),
                    u.UpdatedAt);
                break;
            case CampaignRebased r:
                Update(operations, e, r.CampaignId,
                    "template_id = ?, template_version = ?, config = ?::jsonb, config_overrides = ?::jsonb, updated_at = ?",
                    r.TemplateId, r.TemplateVersion, Config(r.TemplateVersion, r.TemplateDefaults, r.ProgramOverrides, r.ConfigOverrides),
                    r.ConfigOverrides.GetRawText(), r.RebasedAt);
                break;
            case CampaignProbabilityChanged p:
                Update(operations, e, p.CampaignId, "probability = ?, updated_at = ?", p.To, p.ChangedAt);
                break;
            case CampaignApprovalRequested a:
                Update(operations, e, a.CampaignId, "approval_request_id = ?, reservation_id = ?, updated_at = ?", a.ApprovalId, a.ReservationId,
                    a.RequestedAt);
                break;
            case CampaignWon w:
                Update(operations, e, w.CampaignId, "status = ?, probability = 100, order_id = ?, updated_at = ?",
                    ProgramDecisions.StatusName(CampaignStatus.Won), w.OrderId, w.WonAt);
                break;
            case CampaignApprovalRejected r:
                Update(operations, e, r.CampaignId, "probability = ?, updated_at = ?", r.ProbabilityRestored, r.RejectedAt);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private static string Config(int templateVersion, JsonElement templateDefaults, JsonElement programOverrides, JsonElement campaignOverrides) =>
        ConfigMerge.Resolve(CampaignState.Layers(templateVersion, templateDefaults, programOverrides, campaignOverrides)).ToElement().GetRawText();
}
