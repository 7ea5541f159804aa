using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Programs.ProgramScenario;

namespace EventSourced.Domain.Tests.Programs;

/// <summary>Opt-in move of a program and all its campaigns to a newer, active version of the same template key.</summary>
public class MigratingPrograms
{
    private const string V2Defaults =
        "{'session': {'defaultDurationMinutes': 50, 'recommendedFrequency': 'biweekly'}, 'matching': {'maxMenteesPerMentor': 2}}";

    private const string StricterDuration =
        "{'properties': {'session': {'properties': {'defaultDurationMinutes': {'type': 'integer', 'maximum': 60}}}}}";

    private static readonly Template V1 = TemplateVersion(version: 1);

    private static MigrateProgram MigrateTo(ProgramState program, Template target) => new(program.Id, target.Id);

    [Fact]
    public void GivenNewerActiveVersion_WhenMigrated_ThenTheProgramMovesAndEveryCampaignIsRebased()
    {
        var program = Program(V1, overrides: "{'session': {'defaultDurationMinutes': 90}}");
        var v2 = TemplateVersion(version: 2, defaults: V2Defaults);
        CampaignState[] campaigns = [Campaign(program), Campaign(program, "{'session': {'defaultDurationMinutes': 45}}")];

        var events = ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, campaigns, Now).ShouldBeAccepted();

        events.Count.ShouldBe(3);
        events[0].ShouldBeOfType<ProgramMigrated>().ShouldSatisfyAllConditions(
            m => m.ProgramId.ShouldBe(program.Id),
            m => m.FromTemplateId.ShouldBe(V1.Id),
            m => m.FromTemplateVersion.ShouldBe(1),
            m => m.ToTemplateId.ShouldBe(v2.Id),
            m => m.ToTemplateVersion.ShouldBe(2),
            m => m.TemplateDefaults.ShouldBeJson(V2Defaults),
            m => m.ConfigOverrides.ShouldBeJson("{'session': {'defaultDurationMinutes': 90}}"),
            m => m.MigratedAt.ShouldBe(Now));
        var rebased = events.Skip(1).Select(e => e.ShouldBeOfType<CampaignRebased>()).ToArray();
        rebased.Select(r => r.CampaignId).ShouldBe(campaigns.Select(c => c.Id));
        rebased.ShouldAllBe(r => r.TemplateId == v2.Id && r.TemplateVersion == 2 && r.RebasedAt == Now);
        rebased.ShouldAllBe(r => r.TemplateDefaults.GetProperty("session").GetProperty("defaultDurationMinutes").GetInt32() == 50);
        rebased.ShouldAllBe(r => r.ProgramOverrides.GetProperty("session").GetProperty("defaultDurationMinutes").GetInt32() == 90);
        rebased[0].ConfigOverrides.ShouldBeJson("{}");
        rebased[1].ConfigOverrides.ShouldBeJson("{'session': {'defaultDurationMinutes': 45}}");
    }

    [Fact]
    public void GivenProgramWithoutCampaigns_WhenMigrated_ThenOnlyTheProgramMigrates()
    {
        var program = Program(V1);
        var v2 = TemplateVersion(version: 2);

        ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [], Now).ShouldEmitSingle<ProgramMigrated>().ToTemplateId.ShouldBe(v2.Id);
    }

    [Fact]
    public void GivenProgramSeveralVersionsBehind_WhenMigratedToTheLatest_ThenItSkipsTheVersionsBetween()
    {
        var program = Program(V1);
        var v4 = TemplateVersion(version: 4);

        var migrated = ProgramDecisions.Migrate(program, MigrateTo(program, v4), v4, [], Now).ShouldEmitSingle<ProgramMigrated>();

        migrated.FromTemplateVersion.ShouldBe(1);
        migrated.ToTemplateVersion.ShouldBe(4);
    }

    [Theory]
    [InlineData(ProgramStatus.Draft)]
    [InlineData(ProgramStatus.Active)]
    [InlineData(ProgramStatus.Paused)]
    [InlineData(ProgramStatus.Completed)]
    public void GivenProgramThatIsNotArchived_WhenMigrated_ThenItMigrates(ProgramStatus status)
    {
        var program = Program(V1, status);
        var v2 = TemplateVersion(version: 2);

        ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [], Now).ShouldEmitSingle<ProgramMigrated>();
    }

    [Fact]
    public void GivenMigrationEvents_WhenFolded_ThenProgramAndCampaignsBuildOnTheNewDefaultsButKeepTheirOverrides()
    {
        var program = Program(V1, overrides: "{'session': {'defaultDurationMinutes': 90}}");
        var campaign = Campaign(program, "{'matching': {'maxMenteesPerMentor': 1}}");
        var v2 = TemplateVersion(version: 2, defaults: V2Defaults);

        var events = ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [campaign], Now).ShouldBeAccepted();
        var migratedProgram = ProgramState.Evolve(program, events[0])!;
        var rebasedCampaign = CampaignState.Evolve(campaign, events[1])!;

        var programConfig = ConfigMerge.Resolve(migratedProgram.ConfigLayers);
        programConfig.Config.ShouldBeJson(
            "{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': 'biweekly'}, 'matching': {'maxMenteesPerMentor': 2}}");
        programConfig.Provenance["session.recommendedFrequency"].Source.ShouldBe("template v2");
        var campaignConfig = ConfigMerge.Resolve(rebasedCampaign.ConfigLayers);
        campaignConfig.Config.ShouldBeJson(
            "{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': 'biweekly'}, 'matching': {'maxMenteesPerMentor': 1}}");
        var duration = campaignConfig.Provenance["session.defaultDurationMinutes"];
        duration.Source.ShouldBe("program");
        duration.Overridden.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            o => o.Source.ShouldBe("template v2"),
            o => o.Value.ShouldBeJson("50"));
        rebasedCampaign.TemplateId.ShouldBe(v2.Id);
        rebasedCampaign.UpdatedAt.ShouldBe(Now);
    }

    [Fact]
    public void GivenTargetOfAnotherTemplateKey_WhenMigrated_ThenTemplateIdIsNamed()
    {
        var program = Program(V1);
        var other = TemplateVersion(version: 2, key: "career-coaching");

        var error = ProgramDecisions.Migrate(program, MigrateTo(program, other), other, [], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("templateId",
            "must be a version of the program's template 'tech-mentorship', not 'career-coaching'", "templateKey"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void GivenTargetThatIsNotNewer_WhenMigrated_ThenTemplateIdIsNamed(int targetVersion)
    {
        var v2 = TemplateVersion(version: 2);
        var program = Program(v2);
        var target = TemplateVersion(version: targetVersion);

        var error = ProgramDecisions.Migrate(program, MigrateTo(program, target), target, [], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("templateId",
            $"must be newer than the program's version 2 (it is version {targetVersion})", "newerVersion"));
    }

    [Theory]
    [InlineData(TemplateStatus.Draft)]
    [InlineData(TemplateStatus.Deprecated)]
    [InlineData(TemplateStatus.Archived)]
    public void GivenNewerTargetThatIsNotActive_WhenMigrated_ThenTemplateIdMustBeActive(TemplateStatus status)
    {
        var program = Program(V1);
        var v2 = TemplateVersion(version: 2, status: status);

        var error = ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("templateId",
            $"template '{v2.Id}' is {status.ToString().ToLowerInvariant()}; programs can only migrate to active templates", "active"));
    }

    [Fact]
    public void GivenTargetThatDoesNotExist_WhenMigrated_ThenTemplateIdMustExist()
    {
        var program = Program(V1);
        var missingId = Guid.NewGuid();

        var error = ProgramDecisions.Migrate(program, new MigrateProgram(program.Id, missingId), null, [], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("templateId", $"no template with id '{missingId}'", "exists"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GivenNoTargetId_WhenMigrated_ThenTemplateIdIsRequired(bool emptyGuid)
    {
        var program = Program(V1);

        var error = ProgramDecisions.Migrate(program, new MigrateProgram(program.Id, emptyGuid ? Guid.Empty : null), null, [], Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("templateId", "'templateId' must not be empty.", "NotEmptyValidator"));
    }

    [Fact]
    public void GivenArchivedProgram_WhenMigrated_ThenConflict()
    {
        var program = Program(V1, ProgramStatus.Archived);
        var v2 = TemplateVersion(version: 2);

        var error = ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [], Now).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Archived programs cannot be migrated");
        error.Title.ShouldBe(ProgramDecisions.ArchivedCannotMigrate);
        error.Detail.ShouldBe($"Program {program.Id} is archived.");
    }

    [Fact]
    public void GivenNewSchemaRejectingTheProgramOverrides_WhenMigrated_ThenConfigValidationFailsNamingTheProgram()
    {
        var program = Program(V1, overrides: "{'session': {'defaultDurationMinutes': 90}}");
        var v2 = TemplateVersion(version: 2, schema: StricterDuration);

        var error = ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Config validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("config.session.defaultDurationMinutes",
            "must be at most 60 (rule: maximum); value from program", "maximum"));
    }

    [Fact]
    public void GivenNewSchemaRejectingTheProgramOverrides_WhenMigratedWithACampaign_ThenTheCampaignInheritingTheValueIsNamedToo()
    {
        var program = Program(V1, overrides: "{'session': {'defaultDurationMinutes': 90}}");
        var campaign = Campaign(program);
        var v2 = TemplateVersion(version: 2, schema: StricterDuration);

        var error = ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [campaign], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Config validation failed");
        error.Errors.ShouldBe(
        [
            new FieldError("config.session.defaultDurationMinutes", "must be at most 60 (rule: maximum); value from program", "maximum"),
            new FieldError($"campaigns[{campaign.Id}].config.session.defaultDurationMinutes",
                "must be at most 60 (rule: maximum); value from program", "maximum"),
        ]);
    }

    [Fact]
    public void GivenNewSchemaThatACampaignOverrideFixes_WhenMigrated_ThenOnlyTheProgramIsNamed()
    {
        var program = Program(V1, overrides: "{'session': {'defaultDurationMinutes': 90}}");
        var campaign = Campaign(program, "{'session': {'defaultDurationMinutes': 45}}");
        var v2 = TemplateVersion(version: 2, schema: StricterDuration);

        var error = ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [campaign], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("config.session.defaultDurationMinutes");
    }

    [Fact]
    public void GivenNewSchemaRejectingACampaignsOverrides_WhenMigrated_ThenTheCampaignIsNamed()
    {
        var program = Program(V1);
        var fine = Campaign(program, "{'matching': {'maxMenteesPerMentor': 2}}");
        var tooMany = Campaign(program, "{'matching': {'maxMenteesPerMentor': 4}}");
        var v2 = TemplateVersion(version: 2, defaults: V2Defaults,
            schema: "{'properties': {'matching': {'properties': {'maxMenteesPerMentor': {'type': 'integer', 'maximum': 3}}}}}");

        var error = ProgramDecisions.Migrate(program, MigrateTo(program, v2), v2, [fine, tooMany], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Config validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError($"campaigns[{tooMany.Id}].config.matching.maxMenteesPerMentor",
            "must be at most 3 (rule: maximum); value from campaign", "maximum"));
    }
}
