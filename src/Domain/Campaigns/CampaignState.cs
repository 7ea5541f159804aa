using System.Text.Json;
using EventSourced.Domain.Approvals;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Configuration;

namespace EventSourced.Domain.Campaigns;

/// <summary>A campaign's state, folded from its stream. The approval workflow's references (approval, reservation,
/// order) and the approval's status are kept here so the crossing rule is decided from this stream alone.</summary>
public sealed record CampaignState(
    Guid Id,
    Guid ProgramId,
    Guid CompanyId,
    string Name,
    int TargetEnrollment,
    int MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    Guid TemplateId,
    int TemplateVersion,
    JsonElement TemplateDefaults,
    JsonElement ProgramOverrides,
    JsonElement ConfigOverrides,
    CampaignStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public int Probability { get; init; }

    public Guid? ApprovalId { get; init; }

    public ApprovalStatus? ApprovalStatus { get; init; }

    public Guid? ReservationId { get; init; }

    public Guid? OrderId { get; init; }

    /// <summary>The probability just before it last crossed to 90 % or more; a rejection restores it. Null if it never crossed.</summary>
    public int? ProbabilityBeforeCrossing { get; init; }

    /// <summary>Template defaults, the program's overrides, then the campaign's own.</summary>
    public IReadOnlyList<ConfigLayer> ConfigLayers => Layers(TemplateVersion, TemplateDefaults, ProgramOverrides, ConfigOverrides);

    public static IReadOnlyList<ConfigLayer> Layers(int templateVersion, JsonElement templateDefaults, JsonElement programOverrides,
        JsonElement campaignOverrides) =>
        [
            new(ConfigLayer.Template(templateVersion), templateDefaults),
            new(ConfigLayer.Program, programOverrides),
            new(ConfigLayer.Campaign, campaignOverrides),
        ];

    public static CampaignState From(CampaignCreated e) =>
        new(e.CampaignId, e.ProgramId, e.CompanyId, e.Name, e.TargetEnrollment, e.MaxEnrollment, e.Budget, e.StartDate, e.EndDate,
            e.TemplateId, e.TemplateVersion, e.TemplateDefaults, e.ProgramOverrides, e.ConfigOverrides, CampaignStatus.Draft, e.CreatedAt, e.CreatedAt);

    public CampaignState When(CampaignUpdated e) =>
        this with
        {
            Name = e.Name,
            TargetEnrollment = e.TargetEnrollment,
            MaxEnrollment = e.MaxEnrollment,
            Budget = e.Budget,
            StartDate = e.StartDate,
            EndDate = e.EndDate,
            TemplateVersion = e.TemplateVersion,
            TemplateDefaults = e.TemplateDefaults,
            ProgramOverrides = e.ProgramOverrides,
            ConfigOverrides = e.ConfigOverrides,
            UpdatedAt = e.UpdatedAt,
        };

    public CampaignState When(CampaignRebased e) =>
        this with
        {
            TemplateId = e.TemplateId,
            TemplateVersion = e.TemplateVersion,
            TemplateDefaults = e.TemplateDefaults,
            ProgramOverrides = e.ProgramOverrides,
            ConfigOverrides = e.ConfigOverrides,
            UpdatedAt = e.RebasedAt,
        };

    public CampaignState When(CampaignProbabilityChanged e) =>
        this with
        {
            Probability = e.To,
            ProbabilityBeforeCrossing = e.From < Approvals.ApprovalWorkflow.Threshold && e.To >= Approvals.ApprovalWorkflow.Threshold
                ? e.From
                : ProbabilityBeforeCrossing,
            UpdatedAt = e.ChangedAt,
        };

    public CampaignState When(CampaignApprovalRequested e) =>
        this with
        {
            ApprovalId = e.ApprovalId,
            ApprovalStatus = Approvals.ApprovalStatus.Pending,
            ReservationId = e.ReservationId,
            UpdatedAt = e.RequestedAt,
        };

    public CampaignState When(CampaignWon e) =>
        this with
        {
            Status = CampaignStatus.Won,
            Probability = 100,
            ApprovalStatus = Approvals.ApprovalStatus.Approved,
            OrderId = e.OrderId,
            UpdatedAt = e.WonAt,
        };

    public CampaignState When(CampaignApprovalRejected e) =>
        this with { Probability = e.ProbabilityRestored, ApprovalStatus = Approvals.ApprovalStatus.Rejected, UpdatedAt = e.RejectedAt };

    public static CampaignState? Evolve(CampaignState? state, object e) => e switch
    {
        CampaignCreated created => From(created),
        CampaignUpdated updated => state?.When(updated),
        CampaignRebased rebased => state?.When(rebased),
        CampaignProbabilityChanged changed => state?.When(changed),
        CampaignApprovalRequested requested => state?.When(requested),
        CampaignWon won => state?.When(won),
        CampaignApprovalRejected rejected => state?.When(rejected),
        _ => state,
    };
}
