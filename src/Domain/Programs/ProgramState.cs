using System.Text.Json;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs.Events;

namespace EventSourced.Domain.Programs;

/// <summary>
/// A program's state, folded from its stream. It stays pinned to <see cref="TemplateId"/> until migrated.
/// (Not named <c>Program</c>: that would collide with every host's top-level <c>Program</c> class.)
/// </summary>
public sealed record ProgramState(
    Guid Id,
    string ProgramKey,
    string Name,
    Guid TemplateId,
    string TemplateKey,
    int TemplateVersion,
    string ProgramType,
    Guid BeneficiaryGroupId,
    JsonElement TemplateDefaults,
    JsonElement ConfigOverrides,
    IReadOnlyList<string> Tags,
    IReadOnlyList<int> SdgGoals,
    ProgramStatus Status,
    IReadOnlyList<Guid> CampaignIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Template defaults, then the program's overrides.</summary>
    public IReadOnlyList<ConfigLayer> ConfigLayers =>
        [new(ConfigLayer.Template(TemplateVersion), TemplateDefaults), new(ConfigLayer.Program, ConfigOverrides)];

    public static ProgramState From(ProgramCreated e) =>
        new(e.ProgramId, e.ProgramKey, e.Name, e.TemplateId, e.TemplateKey, e.TemplateVersion, e.ProgramType, e.BeneficiaryGroupId,
            e.TemplateDefaults, e.ConfigOverrides, e.Tags, e.SdgGoals, ProgramStatus.Draft, [], e.CreatedAt, e.CreatedAt);

    public ProgramState When(ProgramStatusChanged e) => this with { Status = e.To, UpdatedAt = e.ChangedAt };

    public ProgramState When(ProgramMigrated e) =>
        this with
        {
            TemplateId = e.ToTemplateId,
            TemplateVersion = e.ToTemplateVersion,
            TemplateDefaults = e.TemplateDefaults,
            ConfigOverrides = e.ConfigOverrides,
            UpdatedAt = e.MigratedAt,
        };

    public ProgramState When(CampaignDeployed e) => this with { CampaignIds = [.. CampaignIds, e.CampaignId], UpdatedAt = e.DeployedAt };

    public static ProgramState? Evolve(ProgramState? state, object e) => e switch
    {
        ProgramCreated created => From(created),
        ProgramStatusChanged changed => state?.When(changed),
        ProgramMigrated migrated => state?.When(migrated),
        CampaignDeployed deployed => state?.When(deployed),
        _ => state,
    };
}
