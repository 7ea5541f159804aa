using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Tests.Programs;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Campaigns.CampaignScenario;

namespace EventSourced.Domain.Tests.Campaigns;

/// <summary>Partial edits: unsent fields keep their value, and the result is re-validated as a whole, configuration included.</summary>
public class UpdatingCampaigns
{
    private static readonly EventSourced.Domain.Templates.Template Template = ActiveTemplate();

    [Fact]
    public void GivenCampaign_WhenOnlyTheNameIsSent_ThenEverythingElseKeepsItsValue()
    {
        var campaign = Existing(ActiveProgram(Template));

        var updated = CampaignDecisions.Update(campaign, NoChanges(campaign) with { Name = " Acme Mentoring Q2 " }, Template, Now)
            .ShouldEmitSingle<CampaignUpdated>();

        updated.ShouldSatisfyAllConditions(
            u => u.CampaignId.ShouldBe(campaign.Id),
            u => u.Name.ShouldBe("Acme Mentoring Q2"),
            u => u.TargetEnrollment.ShouldBe(20),
            u => u.MaxEnrollment.ShouldBe(25),
            u => u.Budget.ShouldBe(Eur25K),
            u => u.StartDate.ShouldBe(Start),
            u => u.EndDate.ShouldBe(End),
            u => u.TemplateVersion.ShouldBe(1),
            u => u.TemplateDefaults.ShouldBeJson(Defaults),
            u => u.ProgramOverrides.ShouldBeJson(ProgramOverrides),
            u => u.ConfigOverrides.ShouldBeJson("{'session': {'defaultDurationMinutes': 45}}"),
            u => u.UpdatedAt.ShouldBe(Now));
    }

    [Fact]
    public void GivenCampaign_WhenNothingIsSent_ThenTheSameDetailsAreRecorded()
    {
        var campaign = Existing(ActiveProgram(Template));

        var updated = CampaignDecisions.Update(campaign, NoChanges(campaign), Template, Now).ShouldEmitSingle<CampaignUpdated>();

        var after = campaign.When(updated);
        after.ShouldBe(campaign with { ConfigOverrides = after.ConfigOverrides, TemplateDefaults = after.TemplateDefaults,
            ProgramOverrides = after.ProgramOverrides, UpdatedAt = Now });
        after.ConfigOverrides.ShouldBeJson("{'session': {'defaultDurationMinutes': 45}}");
    }

    [Fact]
    public void GivenUpdatedEvent_WhenFolded_ThenTheStateTakesTheNewDetails()
    {
        var campaign = Existing(ActiveProgram(Template));
        var command = NoChanges(campaign) with { TargetEnrollment = 10, MaxEnrollment = 12, Budget = new Budget(5000m, "USD"), EndDate = End.AddMonths(1) };

        var after = campaign.When(CampaignDecisions.Update(campaign, command, Template, Now).ShouldEmitSingle<CampaignUpdated>());

        after.ShouldSatisfyAllConditions(
            c => c.TargetEnrollment.ShouldBe(10),
            c => c.MaxEnrollment.ShouldBe(12),
            c => c.Budget.ShouldBe(new Budget(5000m, "USD")),
            c => c.StartDate.ShouldBe(Start),
            c => c.EndDate.ShouldBe(new DateOnly(2027, 7, 30)),
            c => c.CreatedAt.ShouldBe(Created),
            c => c.UpdatedAt.ShouldBe(Now));
    }

    [Fact]
    public void GivenTargetOfTwenty_WhenOnlyTheMaximumIsLoweredBelowIt_ThenTargetEnrollmentIsNamed()
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { MaxEnrollment = 15 }, Template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("targetEnrollment",
            "'targetEnrollment' must not exceed maxEnrollment (15).", "LessThanOrEqualValidator"));
    }

    [Fact]
    public void GivenMaximumOfTwentyFive_WhenOnlyTheTargetIsRaisedAboveIt_ThenTargetEnrollmentIsNamed()
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { TargetEnrollment = 30 }, Template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("targetEnrollment"),
            e => e.Message.ShouldContain("maxEnrollment (25)"));
    }

    [Fact]
    public void GivenCampaign_WhenTargetAndMaximumAreLoweredTogether_ThenItIsAccepted()
    {
        var campaign = Existing(ActiveProgram(Template));

        var updated = CampaignDecisions.Update(campaign, NoChanges(campaign) with { TargetEnrollment = 10, MaxEnrollment = 15 }, Template, Now)
            .ShouldEmitSingle<CampaignUpdated>();

        updated.TargetEnrollment.ShouldBe(10);
        updated.MaxEnrollment.ShouldBe(15);
    }

    [Fact]
    public void GivenCampaign_WhenACountIsSetToZero_ThenThatCountIsNamed()
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { MaxEnrollment = 0 }, Template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("maxEnrollment"),
            e => e.Rule.ShouldBe("GreaterThanValidator"));
    }

    [Fact]
    public void GivenCampaign_WhenOnlyTheEndDateIsMovedBeforeTheStoredStart_ThenEndDateIsNamed()
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { EndDate = Start.AddDays(-1) }, Template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("endDate");
    }

    [Fact]
    public void GivenCampaign_WhenOnlyTheStartDateIsMovedAfterTheStoredEnd_ThenEndDateIsNamed()
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { StartDate = End }, Template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("endDate");
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("   ", "name")]
    public void GivenCampaign_WhenAnEmptyNameIsSent_ThenNameIsNamed(string name, string expectedPath)
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { Name = name }, Template, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe(expectedPath);
    }

    [Fact]
    public void GivenCampaign_WhenTheBudgetIsSentInAnInvalidCurrency_ThenBudgetCurrencyIsNamed()
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { Budget = new Budget(100m, "euro") }, Template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("budget.currency");
    }

    [Fact]
    public void GivenCampaign_WhenNewOverridesAreSent_ThenTheyReplaceTheOldOverridesWhole()
    {
        var campaign = Existing(ActiveProgram(Template));

        var updated = CampaignDecisions.Update(campaign,
                NoChanges(campaign) with { ConfigOverrides = Json.Parse("{'matching': {'maxMenteesPerMentor': 1}}") }, Template, Now)
            .ShouldEmitSingle<CampaignUpdated>();

        updated.ConfigOverrides.ShouldBeJson("{'matching': {'maxMenteesPerMentor': 1}}");
        ConfigMerge.Resolve(campaign.When(updated).ConfigLayers).Config.ShouldBeJson(
            "{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': 'biweekly'}, 'matching': {'maxMenteesPerMentor': 1}}");
    }

    [Fact]
    public void GivenCampaign_WhenOverridesViolatingTheSchemaAreSent_ThenConfigValidationFailsNamingTheCampaign()
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign,
                NoChanges(campaign) with { ConfigOverrides = Json.Parse("{'session': {'recommendedFrequency': 'daily'}}") }, Template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Config validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("config.session.recommendedFrequency"),
            e => e.Rule.ShouldBe("enum"),
            e => e.Message.ShouldEndWith("; value from campaign"));
    }

    [Fact]
    public void GivenCampaign_WhenAFieldAndTheOverridesAreBothInvalid_ThenValidationFailsListingBoth()
    {
        var campaign = Existing(ActiveProgram(Template));
        var command = NoChanges(campaign) with
        {
            MaxEnrollment = 5,
            ConfigOverrides = Json.Parse("{'session': {'defaultDurationMinutes': 10}}"),
        };

        var error = CampaignDecisions.Update(campaign, command, Template, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe(
            [("targetEnrollment", "LessThanOrEqualValidator"), ("config.session.defaultDurationMinutes", "minimum")]);
    }

    [Fact]
    public void GivenStoredOverridesTheSchemaNoLongerAccepts_WhenOnlyTheNameIsSent_ThenTheConfigurationIsRevalidated()
    {
        var stricter = ProgramScenario.TemplateVersion(
            schema: "{'properties': {'session': {'properties': {'defaultDurationMinutes': {'type': 'integer', 'maximum': 40}}}}}");
        var campaign = Existing(ActiveProgram(Template), "{'session': {'defaultDurationMinutes': 45}}");

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { Name = "Renamed" }, stricter, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Config validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("config.session.defaultDurationMinutes",
            "must be at most 40 (rule: maximum); value from campaign", "maximum"));
    }

    [Fact]
    public void GivenCampaign_WhenOverridesThatAreNotAnObjectAreSent_ThenConfigOverridesIsNamed()
    {
        var campaign = Existing(ActiveProgram(Template));

        var error = CampaignDecisions.Update(campaign, NoChanges(campaign) with { ConfigOverrides = Json.Parse("[]") }, Template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("configOverrides"),
            e => e.Rule.ShouldBe("type"));
    }
}
