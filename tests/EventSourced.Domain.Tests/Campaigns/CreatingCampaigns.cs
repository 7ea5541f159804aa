using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Tests.Programs;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Campaigns.CampaignScenario;

namespace EventSourced.Domain.Tests.Campaigns;

/// <summary>A company deploys an active program: CampaignCreated on the campaign's stream, CampaignDeployed on the program's.</summary>
public class CreatingCampaigns
{
    private static readonly Guid NewId = Guid.NewGuid();

    [Fact]
    public void GivenActiveProgram_WhenCreated_ThenTheCampaignIsCreatedWithTheLowerLayersAndTheProgramIsToldOfIt()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var events = CampaignDecisions.Create(ValidCreate(program, "{'session': {'defaultDurationMinutes': 45}}"), NewId, program, template, Now)
            .ShouldBeAccepted();

        events.Count.ShouldBe(2);
        events[0].ShouldBeOfType<CampaignCreated>().ShouldSatisfyAllConditions(
            c => c.CampaignId.ShouldBe(NewId),
            c => c.ProgramId.ShouldBe(program.Id),
            c => c.CompanyId.ShouldBe(CompanyId),
            c => c.Name.ShouldBe("Acme Mentoring Q1"),
            c => c.TargetEnrollment.ShouldBe(20),
            c => c.MaxEnrollment.ShouldBe(25),
            c => c.Budget.ShouldBe(new Budget(25000.00m, "EUR")),
            c => c.StartDate.ShouldBe(new DateOnly(2027, 1, 1)),
            c => c.EndDate.ShouldBe(new DateOnly(2027, 6, 30)),
            c => c.TemplateId.ShouldBe(template.Id),
            c => c.TemplateVersion.ShouldBe(1),
            c => c.TemplateDefaults.ShouldBeJson(Defaults),
            c => c.ProgramOverrides.ShouldBeJson(ProgramOverrides),
            c => c.ConfigOverrides.ShouldBeJson("{'session': {'defaultDurationMinutes': 45}}"),
            c => c.CreatedAt.ShouldBe(Now));
        events[1].ShouldBe(new CampaignDeployed(program.Id, NewId, CompanyId, Now));
    }

    [Fact]
    public void GivenCampaignDeployed_WhenFoldedIntoTheProgram_ThenTheProgramListsTheCampaign()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var events = CampaignDecisions.Create(ValidCreate(program), NewId, program, template, Now).ShouldBeAccepted();

        ProgramState.Evolve(program, events[1])!.CampaignIds.ShouldBe([NewId]);
    }

    [Fact]
    public void GivenOnlyTheRequiredFields_WhenCreated_ThenBudgetDatesAndOverridesAreEmpty()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);
        var command = ValidCreate(program) with { Name = "  Acme  ", Budget = null, StartDate = null, EndDate = null };

        var created = CampaignDecisions.Create(command, NewId, program, template, Now).ShouldBeAccepted()[0].ShouldBeOfType<CampaignCreated>();

        created.Name.ShouldBe("Acme");
        created.Budget.ShouldBeNull();
        created.StartDate.ShouldBeNull();
        created.EndDate.ShouldBeNull();
        created.ConfigOverrides.ShouldBeJson("{}");
    }

    [Fact]
    public void GivenProgramThatDoesNotExist_WhenCreated_ThenProgramIdMustExist()
    {
        var template = ActiveTemplate();
        var missing = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(missing), NewId, program: null, template, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("programId", $"no program with id '{missing.Id}'", "exists"));
    }

    [Theory]
    [InlineData(ProgramStatus.Draft)]
    [InlineData(ProgramStatus.Paused)]
    [InlineData(ProgramStatus.Completed)]
    [InlineData(ProgramStatus.Archived)]
    public void GivenProgramThatIsNotActive_WhenCreated_ThenProgramIdMustBeActive(ProgramStatus status)
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template, status);

        var error = CampaignDecisions.Create(ValidCreate(program), NewId, program, template, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("programId",
            $"program '{program.Id}' is {status.ToString().ToLowerInvariant()}; campaigns can only deploy active programs", "active"));
    }

    [Fact]
    public void GivenEmptyGuidsAsIds_WhenCreated_ThenBothIdsAreNamedAsEmpty()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);
        var command = ValidCreate(program) with { ProgramId = Guid.Empty, CompanyId = Guid.Empty };

        var error = CampaignDecisions.Create(command, NewId, program: null, template, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe([("programId", "NotEmptyValidator"), ("companyId", "NotEmptyValidator")]);
    }

    [Fact]
    public void GivenEmptyGuidAsCompanyId_WhenCreated_ThenCompanyIdIsNamed()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(program) with { CompanyId = Guid.Empty }, NewId, program, template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("companyId", "'companyId' must not be empty.", "NotEmptyValidator"));
    }

    [Fact]
    public void GivenEveryRequiredFieldMissing_WhenCreated_ThenEachIsNamed()
    {
        var command = new EventSourced.Domain.Campaigns.Commands.CreateCampaign(null, null, null, null, null, null, null, null, null);

        var error = CampaignDecisions.Create(command, NewId, null, null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => e.Path).Order().ShouldBe(["companyId", "maxEnrollment", "name", "programId", "targetEnrollment"]);
    }

    [Fact]
    public void GivenTargetAboveTheMaximum_WhenCreated_ThenTargetEnrollmentIsNamed()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(program) with { TargetEnrollment = 26, MaxEnrollment = 25 }, NewId, program, template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("targetEnrollment",
            "'targetEnrollment' must not exceed maxEnrollment (25).", "LessThanOrEqualValidator"));
    }

    [Fact]
    public void GivenTargetEqualToTheMaximum_WhenCreated_ThenItIsAccepted()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        CampaignDecisions.Create(ValidCreate(program) with { TargetEnrollment = 25, MaxEnrollment = 25 }, NewId, program, template, Now)
            .ShouldBeAccepted()[0].ShouldBeOfType<CampaignCreated>().TargetEnrollment.ShouldBe(25);
    }

    [Theory]
    [InlineData(0, 25, "targetEnrollment")]
    [InlineData(-3, 25, "targetEnrollment")]
    [InlineData(20, 0, "maxEnrollment")]
    [InlineData(20, -1, "maxEnrollment")]
    public void GivenCountThatIsNotPositive_WhenCreated_ThenThatCountIsNamed(int target, int max, string expectedPath)
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(program) with { TargetEnrollment = target, MaxEnrollment = max }, NewId, program, template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe(expectedPath),
            e => e.Rule.ShouldBe("GreaterThanValidator"));
    }

    [Fact]
    public void GivenBothCountsZero_WhenCreated_ThenBothAreNamed()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(program) with { TargetEnrollment = 0, MaxEnrollment = 0 }, NewId, program, template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe([("targetEnrollment", "GreaterThanValidator"), ("maxEnrollment", "GreaterThanValidator")]);
    }

    [Theory]
    [InlineData("euro")]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("")]
    public void GivenCurrencyThatIsNotAnIsoCode_WhenCreated_ThenBudgetCurrencyIsNamed(string currency)
    {
        RefusedCurrency(currency).ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("budget.currency"),
            e => e.Rule.ShouldBe("RegularExpressionValidator"),
            e => e.Message.ShouldContain("ISO 4217"));
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("JPY")]
    public void GivenActiveIsoCurrency_WhenCreated_ThenTheBudgetKeepsIt(string currency)
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        CampaignDecisions.Create(ValidCreate(program) with { Budget = new Budget(100m, currency) }, NewId, program, template, Now)
            .ShouldBeAccepted()[0].ShouldBeOfType<CampaignCreated>().Budget.ShouldBe(new Budget(100m, currency));
    }

    /// <summary>Three capitals are not a currency: ZZZ and XXY are in no ISO 4217 list, and codes are upper case.</summary>
    [Theory]
    [InlineData("ZZZ")]
    [InlineData("XXY")]
    [InlineData("eur")]
    public void GivenCodeOutsideIso4217_WhenCreated_ThenTheMessageNamesBudgetCurrency(string currency)
    {
        RefusedCurrency(currency).ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("budget.currency"),
            e => e.Message.ShouldContain("'Budget.Currency' must be an active ISO 4217 currency code"),
            e => e.Message.ShouldContain($"'{currency}' is not one"));
    }

    [Fact]
    public void GivenListOne_WhenRead_ThenItHoldsTheActiveCodesAndNotTheWithdrawnOnes()
    {
        IsoCurrencies.Active.Count.ShouldBe(176, $"List One as of {IsoCurrencies.ListState}, without XTS and XXX");
        IsoCurrencies.Active.ShouldAllBe(code => code.Length == 3 && code.All(char.IsAsciiLetterUpper));
        IsoCurrencies.Active.ShouldContain("XCG");
        IsoCurrencies.Active.ShouldContain("ZWG");
        IsoCurrencies.Active.ShouldNotContain("HRK");
        IsoCurrencies.Active.ShouldNotContain("BGN");
        IsoCurrencies.Active.ShouldNotContain("ZWL");
        IsoCurrencies.Active.ShouldNotContain("XXX", "no currency involved");
        IsoCurrencies.Active.ShouldNotContain("XTS", "reserved for testing");
    }

    [Fact]
    public void GivenNegativeBudget_WhenCreated_ThenBudgetAmountIsNamed()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(program) with { Budget = new Budget(-0.01m, "USD") }, NewId, program, template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("budget.amount"),
            e => e.Rule.ShouldBe("GreaterThanOrEqualValidator"));
    }

    [Fact]
    public void GivenZeroBudget_WhenCreated_ThenItIsAccepted()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        CampaignDecisions.Create(ValidCreate(program) with { Budget = new Budget(0m, "USD") }, NewId, program, template, Now)
            .ShouldBeAccepted()[0].ShouldBeOfType<CampaignCreated>().Budget.ShouldBe(new Budget(0m, "USD"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GivenEndDateNotAfterTheStartDate_WhenCreated_ThenEndDateIsNamed(int daysAfterStart)
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);
        var command = ValidCreate(program) with { StartDate = Start, EndDate = Start.AddDays(daysAfterStart) };

        var error = CampaignDecisions.Create(command, NewId, program, template, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("endDate"),
            e => e.Rule.ShouldBe("GreaterThanValidator"),
            e => e.Message.ShouldContain("after startDate"));
    }

    [Fact]
    public void GivenEndDateTheDayAfterTheStart_WhenCreated_ThenItIsAccepted()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        CampaignDecisions.Create(ValidCreate(program) with { StartDate = Start, EndDate = Start.AddDays(1) }, NewId, program, template, Now)
            .ShouldBeAccepted().Count.ShouldBe(2);
    }

    [Fact]
    public void GivenOverridesViolatingTheSchema_WhenCreated_ThenConfigValidationFailsNamingTheCampaign()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(program, "{'session': {'defaultDurationMinutes': 180}}"), NewId, program, template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Config validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("config.session.defaultDurationMinutes",
            "must be at most 120 (rule: maximum); value from campaign", "maximum"));
    }

    [Fact]
    public void GivenOverrideRemovingAProgramValueTheSchemaRequires_WhenCreated_ThenConfigValidationFails()
    {
        var template = ProgramScenario.TemplateVersion(schema: "{'properties': {'session': {'required': ['recommendedFrequency']}}}");
        var program = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(program, "{'session': {'recommendedFrequency': null}}"), NewId, program, template, Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Config validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("config.session.recommendedFrequency"),
            e => e.Rule.ShouldBe("required"));
    }

    [Fact]
    public void GivenFieldErrorsAndOverridesViolatingTheSchema_WhenCreated_ThenValidationFailsListingBoth()
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);
        var command = ValidCreate(program, "{'matching': {'maxMenteesPerMentor': 6}}") with { Budget = new Budget(10m, "euro") };

        var error = CampaignDecisions.Create(command, NewId, program, template, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe(
            [("budget.currency", "RegularExpressionValidator"), ("config.matching.maxMenteesPerMentor", "maximum")]);
        error.Errors[1].Message.ShouldEndWith("; value from campaign");
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("'text'")]
    public void GivenOverridesThatAreNotAnObject_WhenCreated_ThenConfigOverridesIsNamed(string overrides)
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        var error = CampaignDecisions.Create(ValidCreate(program, overrides), NewId, program, template, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("configOverrides"),
            e => e.Rule.ShouldBe("type"));
    }

    /// <summary>The single field error for a campaign created with a budget in <paramref name="currency"/>.</summary>
    private static FieldError RefusedCurrency(string currency)
    {
        var template = ActiveTemplate();
        var program = ActiveProgram(template);

        return CampaignDecisions.Create(ValidCreate(program) with { Budget = new Budget(100m, currency) }, NewId, program, template, Now)
            .ShouldBeRejected(ErrorKind.Invalid).Errors.ShouldHaveSingleItem();
    }
}
