using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Programs.ProgramScenario;

namespace EventSourced.Domain.Tests.Programs;

public class CreatingPrograms
{
    private static readonly Guid NewId = Guid.NewGuid();
    private static readonly IReadOnlySet<string> NoKeysTaken = new HashSet<string>();

    [Fact]
    public void GivenActiveTemplateAndGroup_WhenCreated_ThenTheProgramIsPinnedToTheTemplateVersion()
    {
        var template = TemplateVersion(version: 3);
        var group = Group();

        var created = ProgramDecisions.Create(ValidCreate(template, group), NewId, template, group, NoKeysTaken, Now)
            .ShouldEmitSingle<ProgramCreated>();

        created.ShouldSatisfyAllConditions(
            c => c.ProgramId.ShouldBe(NewId),
            c => c.ProgramKey.ShouldBe("mentorship-for-syrian-refugees-2024"),
            c => c.Name.ShouldBe("Mentorship for Syrian Refugees 2024"),
            c => c.TemplateId.ShouldBe(template.Id),
            c => c.TemplateKey.ShouldBe("tech-mentorship"),
            c => c.TemplateVersion.ShouldBe(3),
            c => c.ProgramType.ShouldBe("mentorship"),
            c => c.BeneficiaryGroupId.ShouldBe(group.Id),
            c => c.TemplateDefaults.ShouldBeJson(Defaults),
            c => c.ConfigOverrides.ShouldBeJson("{}"),
            c => c.Tags.ShouldBe(["refugees", "tech"]),
            c => c.SdgGoals.ShouldBe([4, 8]),
            c => c.CreatedAt.ShouldBe(Now));
    }

    [Fact]
    public void GivenProgramCreated_WhenFolded_ThenItStartsAsADraftWithoutCampaigns()
    {
        var template = TemplateVersion();
        var group = Group();
        var created = ProgramDecisions.Create(ValidCreate(template, group), NewId, template, group, NoKeysTaken, Now)
            .ShouldEmitSingle<ProgramCreated>();

        var program = ProgramState.From(created);

        program.Status.ShouldBe(ProgramStatus.Draft);
        program.CampaignIds.ShouldBeEmpty();
        program.CreatedAt.ShouldBe(Now);
        program.UpdatedAt.ShouldBe(Now);
    }

    [Fact]
    public void GivenOverrides_WhenCreated_ThenTheyAreStoredAsSentAndTheDefaultsAsTheTemplateHasThem()
    {
        var template = TemplateVersion();
        var group = Group();

        var created = ProgramDecisions.Create(ValidCreate(template, group, "{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': null}}"),
            NewId, template, group, NoKeysTaken, Now).ShouldEmitSingle<ProgramCreated>();

        created.TemplateDefaults.ShouldBeJson(Defaults);
        created.ConfigOverrides.ShouldBeJson("{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': null}}");
        ConfigMerge.Resolve(ProgramState.From(created).ConfigLayers).Config
            .ShouldBeJson("{'session': {'defaultDurationMinutes': 90}, 'matching': {'maxMenteesPerMentor': 3}}");
    }

    [Fact]
    public void GivenTagsWithSpacesAndDuplicates_WhenCreated_ThenTheyAreNormalized()
    {
        var template = TemplateVersion();
        var group = Group();

        var created = ProgramDecisions.Create(ValidCreate(template, group) with { Tags = [" tech ", "refugees", "tech"] },
            NewId, template, group, NoKeysTaken, Now).ShouldEmitSingle<ProgramCreated>();

        created.Tags.ShouldBe(["tech", "refugees"]);
    }

    [Fact]
    public void GivenUnsortedSdgGoals_WhenCreated_ThenTheyAreSorted()
    {
        var template = TemplateVersion();
        var group = Group();

        var created = ProgramDecisions.Create(ValidCreate(template, group) with { SdgGoals = [17, 4, 1, 10] },
            NewId, template, group, NoKeysTaken, Now).ShouldEmitSingle<ProgramCreated>();

        created.SdgGoals.ShouldBe([1, 4, 10, 17]);
    }

    [Fact]
    public void GivenNoTagsOrGoals_WhenCreated_ThenBothAreEmpty()
    {
        var template = TemplateVersion();
        var group = Group();

        var created = ProgramDecisions.Create(ValidCreate(template, group) with { Tags = null, SdgGoals = null },
            NewId, template, group, NoKeysTaken, Now).ShouldEmitSingle<ProgramCreated>();

        created.Tags.ShouldBeEmpty();
        created.SdgGoals.ShouldBeEmpty();
    }

    [Fact]
    public void GivenNameWithSurroundingSpaces_WhenCreated_ThenTheNameIsTrimmed()
    {
        var template = TemplateVersion();
        var group = Group();

        var created = ProgramDecisions.Create(ValidCreate(template, group) with { Name = "  Café Élan  " }, NewId, template, group, NoKeysTaken, Now)
            .ShouldEmitSingle<ProgramCreated>();

        created.Name.ShouldBe("Café Élan");
        created.ProgramKey.ShouldBe("cafe-elan");
    }

    [Theory]
    [InlineData(new string[0], "mentorship-for-syrian-refugees-2024")]
    [InlineData(new[] { "mentorship-for-syrian-refugees-2024" }, "mentorship-for-syrian-refugees-2024-2")]
    [InlineData(new[] { "mentorship-for-syrian-refugees-2024", "mentorship-for-syrian-refugees-2024-2" }, "mentorship-for-syrian-refugees-2024-3")]
    public void GivenKeysAlreadyTaken_WhenCreated_ThenTheFirstFreeKeyIsUsed(string[] taken, string expectedKey)
    {
        var template = TemplateVersion();
        var group = Group();

        var created = ProgramDecisions.Create(ValidCreate(template, group), NewId, template, group, taken.ToHashSet(), Now)
            .ShouldEmitSingle<ProgramCreated>();

        created.ProgramKey.ShouldBe(expectedKey);
    }

    [Fact]
    public void GivenNameWithoutLatinLetters_WhenCreated_ThenTheKeyIsTheFallback()
    {
        var template = TemplateVersion();
        var group = Group();

        var created = ProgramDecisions.Create(ValidCreate(template, group) with { Name = "Программа наставничества" },
            NewId, template, group, new HashSet<string> { "program" }, Now).ShouldEmitSingle<ProgramCreated>();

        created.ProgramKey.ShouldBe("program-2");
        created.Name.ShouldBe("Программа наставничества");
    }

    [Fact]
    public void GivenTemplateThatDoesNotExist_WhenCreated_ThenTemplateIdMustExist()
    {
        var missing = TemplateVersion();
        var group = Group();

        var error = ProgramDecisions.Create(ValidCreate(missing, group), NewId, template: null, group, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("templateId", $"no template with id '{missing.Id}'", "exists"));
    }

    [Theory]
    [InlineData(TemplateStatus.Draft)]
    [InlineData(TemplateStatus.Deprecated)]
    [InlineData(TemplateStatus.Archived)]
    public void GivenTemplateThatIsNotActive_WhenCreated_ThenTemplateIdMustBeActive(TemplateStatus status)
    {
        var template = TemplateVersion(status: status);
        var group = Group();

        var error = ProgramDecisions.Create(ValidCreate(template, group), NewId, template, group, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("templateId",
            $"template '{template.Id}' is {status.ToString().ToLowerInvariant()}; programs can only be created from active templates", "active"));
    }

    [Fact]
    public void GivenTemplateThatIsNotActive_WhenCreatedWithOverridesItsSchemaRejects_ThenOnlyTheTemplateIsNamed()
    {
        var template = TemplateVersion(status: TemplateStatus.Draft);
        var group = Group();

        var error = ProgramDecisions.Create(ValidCreate(template, group, "{'session': {'defaultDurationMinutes': 500}}"),
            NewId, template, group, NoKeysTaken, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("templateId");
    }

    [Fact]
    public void GivenGroupThatDoesNotExist_WhenCreated_ThenBeneficiaryGroupIdMustExist()
    {
        var template = TemplateVersion();
        var missing = Group();

        var error = ProgramDecisions.Create(ValidCreate(template, missing), NewId, template, group: null, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("beneficiaryGroupId", $"no beneficiary group with id '{missing.Id}'", "exists"));
    }

    [Fact]
    public void GivenNeitherTemplateNorGroupExists_WhenCreated_ThenBothAreNamed()
    {
        var command = ValidCreate(TemplateVersion(), Group());

        var error = ProgramDecisions.Create(command, NewId, null, null, NoKeysTaken, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe([("templateId", "exists"), ("beneficiaryGroupId", "exists")], ignoreOrder: true);
    }

    [Fact]
    public void GivenEveryRequiredFieldMissing_WhenCreated_ThenEachIsNamed()
    {
        var error = ProgramDecisions.Create(new CreateProgram(null, null, Guid.Empty, null, null, null), NewId, null, null, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => e.Path).Order().ShouldBe(["beneficiaryGroupId", "name", "templateId"]);
        error.Errors.ShouldAllBe(e => e.Rule == "NotEmptyValidator");
    }

    [Fact]
    public void GivenEmptyGuidsAsIds_WhenCreated_ThenBothIdsAreNamedAsEmpty()
    {
        var command = new CreateProgram(Guid.Empty, ProgramName, Guid.Empty, null, null, null);

        var error = ProgramDecisions.Create(command, NewId, template: null, group: null, NoKeysTaken, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe(
            [("templateId", "NotEmptyValidator"), ("beneficiaryGroupId", "NotEmptyValidator")], ignoreOrder: true);
    }

    [Fact]
    public void GivenEmptyGuidAsTemplateId_WhenCreatedForAnExistingGroup_ThenTemplateIdIsNamed()
    {
        var group = Group();
        var command = new CreateProgram(Guid.Empty, ProgramName, group.Id, null, null, null);

        var error = ProgramDecisions.Create(command, NewId, template: null, group, NoKeysTaken, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("templateId", "'templateId' must not be empty.", "NotEmptyValidator"));
    }

    [Theory]
    [InlineData(new[] { 0 }, "sdgGoals[0]")]
    [InlineData(new[] { 18 }, "sdgGoals[0]")]
    [InlineData(new[] { 3, -1 }, "sdgGoals[1]")]
    public void GivenSdgGoalOutsideOneToSeventeen_WhenCreated_ThenThatGoalIsNamed(int[] goals, string expectedPath)
    {
        var template = TemplateVersion();
        var group = Group();

        var error = ProgramDecisions.Create(ValidCreate(template, group) with { SdgGoals = goals }, NewId, template, group, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        var goal = error.Errors.ShouldHaveSingleItem();
        goal.Path.ShouldBe(expectedPath);
        goal.Rule.ShouldBe("InclusiveBetweenValidator");
        goal.Message.ShouldContain("1–17");
    }

    [Fact]
    public void GivenBoundarySdgGoals_WhenCreated_ThenTheyAreAccepted()
    {
        var template = TemplateVersion();
        var group = Group();

        ProgramDecisions.Create(ValidCreate(template, group) with { SdgGoals = [1, 17] }, NewId, template, group, NoKeysTaken, Now)
            .ShouldEmitSingle<ProgramCreated>().SdgGoals.ShouldBe([1, 17]);
    }

    [Fact]
    public void GivenRepeatedSdgGoal_WhenCreated_ThenTheListIsNamed()
    {
        var template = TemplateVersion();
        var group = Group();

        var error = ProgramDecisions.Create(ValidCreate(template, group) with { SdgGoals = [4, 8, 4] }, NewId, template, group, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("sdgGoals"),
            e => e.Rule.ShouldBe("uniqueItems"));
    }

    [Fact]
    public void GivenTooManyTags_WhenCreated_ThenTagsIsNamed()
    {
        var template = TemplateVersion();
        var group = Group();
        var tags = Enumerable.Range(1, 21).Select(i => $"t{i}").ToArray();

        var error = ProgramDecisions.Create(ValidCreate(template, group) with { Tags = tags }, NewId, template, group, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("tags");
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("'text'")]
    [InlineData("null")]
    public void GivenOverridesThatAreNotAnObject_WhenCreated_ThenConfigOverridesIsNamed(string overrides)
    {
        var template = TemplateVersion();
        var group = Group();

        var error = ProgramDecisions.Create(ValidCreate(template, group, overrides), NewId, template, group, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("configOverrides"),
            e => e.Rule.ShouldBe("type"));
    }

    [Fact]
    public void GivenOverridesViolatingTheSchema_WhenCreated_ThenConfigValidationFailsNamingPathRuleAndLayer()
    {
        var template = TemplateVersion();
        var group = Group();

        var error = ProgramDecisions.Create(
                ValidCreate(template, group, "{'session': {'defaultDurationMinutes': 150, 'recommendedFrequency': 'daily'}}"),
                NewId, template, group, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Config validation failed");
        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe(
            [("config.session.defaultDurationMinutes", "maximum"), ("config.session.recommendedFrequency", "enum")]);
        error.Errors[0].Message.ShouldBe("must be at most 120 (rule: maximum); value from program");
        error.Errors.ShouldAllBe(e => e.Message.EndsWith("; value from program"));
    }

    [Fact]
    public void GivenOverridesRemovingARequiredDefault_WhenCreated_ThenConfigValidationFails()
    {
        var template = TemplateVersion(schema: "{'required': ['matching']}");
        var group = Group();

        var error = ProgramDecisions.Create(ValidCreate(template, group, "{'matching': null}"), NewId, template, group, NoKeysTaken, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe(ConfigValidation.Failed);
        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("config.matching"),
            e => e.Rule.ShouldBe("required"));
    }

    [Fact]
    public void GivenFieldErrorsAndOverridesViolatingTheSchema_WhenCreated_ThenValidationFailsListingBoth()
    {
        var template = TemplateVersion();
        var group = Group();
        var command = ValidCreate(template, group, "{'matching': {'maxMenteesPerMentor': 9}}") with { Name = "", SdgGoals = [42] };

        var error = ProgramDecisions.Create(command, NewId, template, group, NoKeysTaken, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe(
        [
            ("name", "NotEmptyValidator"),
            ("sdgGoals[0]", "InclusiveBetweenValidator"),
            ("config.matching.maxMenteesPerMentor", "maximum"),
        ]);
        error.Errors[2].Message.ShouldBe("must be at most 5 (rule: maximum); value from program");
    }

    [Fact]
    public void GivenMissingGroupAndOverridesViolatingTheSchema_WhenCreated_ThenValidationFailsListingBoth()
    {
        var template = TemplateVersion();
        var command = ValidCreate(template, Group(), "{'session': {'defaultDurationMinutes': 5}}");

        var error = ProgramDecisions.Create(command, NewId, template, null, NoKeysTaken, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe([("beneficiaryGroupId", "exists"), ("config.session.defaultDurationMinutes", "minimum")]);
    }
}
