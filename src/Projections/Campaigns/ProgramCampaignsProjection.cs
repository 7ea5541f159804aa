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
                operations.QueueSqlCommand(
                    $"insert into {TableName} (id, program_id, company_id, name, target_enrollment, max_enrollment, budget_amount, budget_currency, " +
                    "start_date, end_date, status, template_id, template_version, config, config_overrides, created_at, updated_at) " +
                    "values (?, ?, ?, ?, ?, ?, ?::numeric, ?::text, ?::date, ?::date, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)",
                    c.CampaignId, c.ProgramId, c.CompanyId, c.Name, c.TargetEnrollment, c.MaxEnrollment, c.Budget?.Amount!, c.Budget?.Currency!,
                    c.StartDate!, c.EndDate!, ProgramDecisions.StatusName(CampaignStatus.Draft), c.TemplateId, c.TemplateVersion,
                    Config(c.TemplateVersion, c.TemplateDefaults, c.ProgramOverrides, c.ConfigOverrides), c.ConfigOverrides.GetRawText(),
                    c.CreatedAt, c.CreatedAt);
                break;
            case CampaignUpdated u:
                operations.QueueSqlCommand(
                    $"update {TableName} set name = ?, target_enrollment = ?, max_enrollment = ?, budget_amount = ?::numeric, budget_currency = ?::text, " +
                    "start_date = ?::date, end_date = ?::date, config = ?::jsonb, config_overrides = ?::jsonb, updated_at = ? where id = ?",
                    u.Name, u.TargetEnrollment, u.MaxEnrollment, u.Budget?.Amount!, u.Budget?.Currency!, u.StartDate!, u.EndDate!,
                    Config(u.TemplateVersion, u.TemplateDefaults, u.ProgramOverrides, u.ConfigOverrides), u.ConfigOverrides.GetRawText(),
                    u.UpdatedAt, u.CampaignId);
                break;
            case CampaignRebased r:
                operations.QueueSqlCommand(
                    $"update {TableName} set template_id = ?, template_version = ?, config = ?::jsonb, config_overrides = ?::jsonb, updated_at = ? where id = ?",
                    r.TemplateId, r.TemplateVersion, Config(r.TemplateVersion, r.TemplateDefaults, r.ProgramOverrides, r.ConfigOverrides),
                    r.ConfigOverrides.GetRawText(), r.RebasedAt, r.CampaignId);
                break;
            case CampaignProbabilityChanged p:
                operations.QueueSqlCommand($"update {TableName} set probability = ?, updated_at = ? where id = ?", p.To, p.ChangedAt, p.CampaignId);
                break;
            case CampaignApprovalRequested a:
                operations.QueueSqlCommand($"update {TableName} set approval_request_id = ?, reservation_id = ?, updated_at = ? where id = ?",
                    a.ApprovalId, a.ReservationId, a.RequestedAt, a.CampaignId);
                break;
            case CampaignWon w:
                operations.QueueSqlCommand($"update {TableName} set status = ?, probability = 100, order_id = ?, updated_at = ? where id = ?",
                    ProgramDecisions.StatusName(CampaignStatus.Won), w.OrderId, w.WonAt, w.CampaignId);
                break;
            case CampaignApprovalRejected r:
                operations.QueueSqlCommand($"update {TableName} set probability = ?, updated_at = ? where id = ?",
                    r.ProbabilityRestored, r.RejectedAt, r.CampaignId);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private static string Config(int templateVersion, JsonElement templateDefaults, JsonElement programOverrides, JsonElement campaignOverrides) =>
        ConfigMerge.Resolve(CampaignState.Layers(templateVersion, templateDefaults, programOverrides, campaignOverrides)).ToElement().GetRawText();
}
