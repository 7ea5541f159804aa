using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates.Events;
using static EventSourced.Domain.Tests.Programs.ProgramScenario;

namespace EventSourced.Domain.Tests.Programs;

/// <summary>ProgramState.Evolve: the program's state rebuilt from its stream.</summary>
public class FoldingProgramState
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);

    [Fact]
    public void GivenProgramCreated_WhenFolded_ThenTheStateIsADraftWithTheEventsFields()
    {
        var template = TemplateVersion(version: 2);
        var created = CreatedEvent(template, "{'session': {'defaultDurationMinutes': 90}}");

        var program = Given(created);

        program.ShouldSatisfyAllConditions(
            p => p.Id.ShouldBe(created.ProgramId),
            p => p.ProgramKey.ShouldBe(ProgramKey),
            p => p.Name.ShouldBe(ProgramName),
            p => p.TemplateId.ShouldBe(template.Id),
            p => p.TemplateKey.ShouldBe(TemplateKey),
            p => p.TemplateVersion.ShouldBe(2),
            p => p.ProgramType.ShouldBe("mentorship"),
            p => p.BeneficiaryGroupId.ShouldBe(created.BeneficiaryGroupId),
            p => p.TemplateDefaults.ShouldBeJson(Defaults),
            p => p.ConfigOverrides.ShouldBeJson("{'session': {'defaultDurationMinutes': 90}}"),
            p => p.Status.ShouldBe(ProgramStatus.Draft),
            p => p.CampaignIds.ShouldBeEmpty(),
            p => p.CreatedAt.ShouldBe(Created),
            p => p.UpdatedAt.ShouldBe(Created));
    }

    [Fact]
    public void GivenCampaignsDeployed_WhenFolded_ThenTheProgramKnowsEachCampaignInOrder()
    {
        var created = CreatedEvent(TemplateVersion());
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();

        var program = Given(created,
            new CampaignDeployed(created.ProgramId, first, Guid.NewGuid(), Now),
            new CampaignDeployed(created.ProgramId, second, Guid.NewGuid(), Later));

        program.CampaignIds.ShouldBe([first, second]);
        program.UpdatedAt.ShouldBe(Later);
    }

    [Fact]
    public void GivenProgramMigrated_WhenFolded_ThenItIsPinnedToTheNewTemplateVersionAndKeepsItsOverrides()
    {
        var v1 = TemplateVersion(version: 1);
        var v2 = TemplateVersion(version: 2, defaults: "{'session': {'defaultDurationMinutes': 50}}");
        var created = CreatedEvent(v1, "{'matching': {'maxMenteesPerMentor': 4}}");

        var program = Given(created, new ProgramMigrated(created.ProgramId, v1.Id, 1, v2.Id, 2, v2.DefaultConfig, created.ConfigOverrides, Later));

        program.ShouldSatisfyAllConditions(
            p => p.TemplateId.ShouldBe(v2.Id),
            p => p.TemplateVersion.ShouldBe(2),
            p => p.TemplateKey.ShouldBe(TemplateKey),
            p => p.TemplateDefaults.ShouldBeJson("{'session': {'defaultDurationMinutes': 50}}"),
            p => p.ConfigOverrides.ShouldBeJson("{'matching': {'maxMenteesPerMentor': 4}}"),
            p => p.UpdatedAt.ShouldBe(Later));
        program.ConfigLayers.Select(l => l.Source).ShouldBe(["template v2", "program"]);
        ConfigMerge.Resolve(program.ConfigLayers).Config.ShouldBeJson("{'session': {'defaultDurationMinutes': 50}, 'matching': {'maxMenteesPerMentor': 4}}");
    }

    [Fact]
    public void GivenStatusChanges_WhenFolded_ThenTheLastOneWins()
    {
        var created = CreatedEvent(TemplateVersion());

        var program = Given(created,
            new ProgramStatusChanged(created.ProgramId, ProgramStatus.Draft, ProgramStatus.Active, Now),
            new ProgramStatusChanged(created.ProgramId, ProgramStatus.Active, ProgramStatus.Paused, Later));

        program.Status.ShouldBe(ProgramStatus.Paused);
        program.UpdatedAt.ShouldBe(Later);
    }

    [Fact]
    public void GivenEventOfAnotherStream_WhenFolded_ThenTheStateIsUnchanged()
    {
        var program = Given(CreatedEvent(TemplateVersion()));

        ProgramState.Evolve(program, new TemplatePublished(Guid.NewGuid(), Later)).ShouldBeSameAs(program);
    }

    [Fact]
    public void GivenNoProgramCreated_WhenLaterEventsAreFolded_ThenThereIsNoState()
    {
        ProgramState.Evolve(null, new ProgramStatusChanged(Guid.NewGuid(), ProgramStatus.Draft, ProgramStatus.Active, Now)).ShouldBeNull();
        ProgramState.Evolve(null, new CampaignDeployed(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now)).ShouldBeNull();
    }
}
