using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Tests.Programs;

namespace EventSourced.Domain.Tests.Campaigns;

/// <summary>Builders for campaign tests: an active program on an active template, and campaigns deploying it.</summary>
internal static class CampaignScenario
{
    public static readonly DateTimeOffset Created = ProgramScenario.Created;
    public static readonly DateTimeOffset Now = ProgramScenario.Now;
    public static readonly Guid CompanyId = Guid.Parse("3f2b8c1a-5d4e-4f60-9a7b-8c9d0e1f2a3b");
    public static readonly DateOnly Start = new(2027, 1, 1);
    public static readonly DateOnly End = new(2027, 6, 30);
    public static readonly Budget Eur25K = new(25000.00m, "EUR");

    /// <summary>Template v1 defaults: 60 minutes, weekly, 3 mentees per mentor.</summary>
    public const string Defaults = ProgramScenario.Defaults;

    /// <summary>The program's overrides: biweekly sessions of 90 minutes.</summary>
    public const string ProgramOverrides = "{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': 'biweekly'}}";

    public static Template ActiveTemplate() => ProgramScenario.TemplateVersion(version: 1);

    public static ProgramState ActiveProgram(Template template, ProgramStatus status = ProgramStatus.Active) =>
        ProgramScenario.Program(template, status, ProgramOverrides);

    public static CreateCampaign ValidCreate(ProgramState program, string? overrides = null) =>
        new(program.Id, CompanyId, "Acme Mentoring Q1", 20, 25, Eur25K, Start, End, overrides is null ? null : Json.Parse(overrides));

    /// <summary>A campaign as its CampaignCreated event leaves it (built with the event, not the decision, so tests of Update do not depend on Create).</summary>
    public static CampaignState Existing(ProgramState program, string overrides = "{'session': {'defaultDurationMinutes': 45}}") =>
        CampaignState.From(new CampaignCreated(Guid.NewGuid(), program.Id, CompanyId, "Acme Mentoring Q1", 20, 25, Eur25K, Start, End,
            program.TemplateId, program.TemplateVersion, program.TemplateDefaults, program.ConfigOverrides, Json.Parse(overrides), Created));

    public static UpdateCampaign NoChanges(CampaignState campaign) => new(campaign.Id, null, null, null, null, null, null, null);
}
