using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Tests.Programs;
using static EventSourced.Domain.Tests.Campaigns.CampaignScenario;

namespace EventSourced.Domain.Tests.Campaigns;

/// <summary>A campaign's effective configuration, recomputed from its own stream: campaign over program over template.</summary>
public class ResolvingCampaignConfig
{
    private static readonly Guid NewId = Guid.NewGuid();

    private static CampaignState CreatedCampaign(string overrides)
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);
        var events = CampaignDecisions.Create(ValidCreate(program, overrides), NewId, program, template, Now).ShouldBeAccepted();
        return CampaignState.Evolve(null, events[0])!;
    }

    [Fact]
    public void GivenCreatedCampaign_WhenItsLayersAreListed_ThenTheyAreTemplateProgramCampaignInThatOrder()
    {
        var campaign = CreatedCampaign("{'session': {'defaultDurationMinutes': 45}}");

        campaign.ConfigLayers.Select(l => l.Source).ShouldBe(["template v1", "program", "campaign"]);
    }

    [Fact]
    public void GivenCreatedCampaign_WhenResolved_ThenCampaignBeatsProgramBeatsTemplate()
    {
        var campaign = CreatedCampaign("{'session': {'defaultDurationMinutes': 45}}");

        var effective = ConfigMerge.Resolve(campaign.ConfigLayers);

        effective.Config.ShouldBeJson(
            "{'session': {'defaultDurationMinutes': 45, 'recommendedFrequency': 'biweekly'}, 'matching': {'maxMenteesPerMentor': 3}}");
        effective.Provenance.ToDictionary(p => p.Key, p => p.Value.Source).ShouldBe(new Dictionary<string, string>
        {
            ["session.defaultDurationMinutes"] = "campaign",
            ["session.recommendedFrequency"] = "program",
            ["matching.maxMenteesPerMentor"] = "template v1",
        }, ignoreOrder: true);
        effective.Provenance["session.defaultDurationMinutes"].Overridden.Select(o => (o.Source, o.Value!.GetValue<int>()))
            .ShouldBe([("program", 90), ("template v1", 60)]);
    }

    [Fact]
    public void GivenCampaignWithoutOverrides_WhenResolved_ThenItIsTheProgramsConfiguration()
    {
        var campaign = CreatedCampaign("{}");

        var effective = ConfigMerge.Resolve(campaign.ConfigLayers);

        effective.Config.ShouldBeJson(
            "{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': 'biweekly'}, 'matching': {'maxMenteesPerMentor': 3}}");
        effective.Provenance.Values.ShouldNotContain(v => v.Source == "campaign");
    }

    [Fact]
    public void GivenCampaignRebased_WhenResolved_ThenItBuildsOnTheNewTemplateVersion()
    {
        var campaign = CreatedCampaign("{'session': {'defaultDurationMinutes': 45}}");
        var v2Defaults = Json.Parse("{'session': {'defaultDurationMinutes': 50, 'recommendedFrequency': 'weekly'}, 'matching': {'maxMenteesPerMentor': 2}}");

        var rebased = CampaignState.Evolve(campaign,
            new CampaignRebased(campaign.Id, Guid.NewGuid(), 2, v2Defaults, campaign.ProgramOverrides, campaign.ConfigOverrides, Now.AddDays(1)))!;
        var effective = ConfigMerge.Resolve(rebased.ConfigLayers);

        rebased.TemplateVersion.ShouldBe(2);
        effective.Config.ShouldBeJson(
            "{'session': {'defaultDurationMinutes': 45, 'recommendedFrequency': 'biweekly'}, 'matching': {'maxMenteesPerMentor': 2}}");
        effective.Provenance["matching.maxMenteesPerMentor"].Source.ShouldBe("template v2");
    }
}
