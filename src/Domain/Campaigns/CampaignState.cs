using System.Text.Json;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Configuration;

namespace EventSourced.Domain.Campaigns;

/// <summary>A campaign's state, folded from its stream.</summary>
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

    public static CampaignState? Evolve(CampaignState? state, object e) => e switch
    {
        CampaignCreated created => From(created),
        CampaignUpdated updated => state?.When(updated),
        CampaignRebased rebased => state?.When(rebased),
        _ => state,
    };
}
