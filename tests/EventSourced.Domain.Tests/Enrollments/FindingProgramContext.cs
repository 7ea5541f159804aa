using EventSourced.Domain.Enrollments;
using static EventSourced.Domain.Tests.Enrollments.EnrollmentScenario;

namespace EventSourced.Domain.Tests.Enrollments;

/// <summary>Runbook 000: a campaign of the user's company wins; else the oldest active program of the type; else legacy.</summary>
public class FindingProgramContext
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddDays(1);
    private static readonly DateTimeOffset Day3 = Day1.AddDays(2);

    private static readonly Guid OtherCompanyId = Guid.Parse("c0000000-0000-0000-0000-000000000002");

    private static ActiveProgram Program(DateTimeOffset createdAt, string programType = ProgramType, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), programType, Guid.NewGuid(), createdAt);

    private static CompanyCampaign CampaignOf(ActiveProgram program, string status = "won", Guid? companyId = null, DateTimeOffset? createdAt = null,
        Guid? id = null) =>
        new(id ?? Guid.NewGuid(), program.ProgramId, companyId ?? CompanyId, status, createdAt ?? Day1);

    private static ProgramContext? Find(IReadOnlyCollection<ActiveProgram> programs, IReadOnlyCollection<CompanyCampaign> campaigns,
        Guid? companyId = null, bool lookupDisabled = false) =>
        ProgramLookup.Find(ProgramType, companyId ?? CompanyId, programs, campaigns, lookupDisabled);

    [Theory]
    [InlineData("won")]
    [InlineData("active")]
    public void GivenEnrollableCampaignOfTheCompany_WhenLookedUp_ThenItsProgramAndCampaignAreTheContext(string status)
    {
        var oldest = Program(Day1);
        var campaigned = Program(Day2);
        var campaign = CampaignOf(campaigned, status);

        var context = Find([oldest, campaigned], [campaign]);

        context.ShouldBe(new ProgramContext(campaigned.ProgramId, ProgramType, campaigned.BeneficiaryGroupId, campaign.CampaignId));
    }

    [Fact]
    public void GivenTheEnrollableStatuses_WhenListed_ThenTheyAreWonAndActive() =>
        ProgramLookup.EnrollableCampaignStatuses.Order().ShouldBe(["active", "won"]);

    [Fact]
    public void GivenNoCampaign_WhenLookedUp_ThenTheOnlyActiveProgramIsTheContextWithoutCampaign()
    {
        var program = Program(Day1);

        var context = Find([program], []);

        context.ShouldBe(new ProgramContext(program.ProgramId, ProgramType, program.BeneficiaryGroupId, CampaignId: null));
    }

    [Fact]
    public void GivenSeveralActivePrograms_WhenLookedUp_ThenTheOldestIsTheContext()
    {
        var newer = Program(Day3);
        var oldest = Program(Day1);
        var middle = Program(Day2);

        var context = Find([newer, oldest, middle], []);

        context.ShouldBe(new ProgramContext(oldest.ProgramId, ProgramType, oldest.BeneficiaryGroupId, CampaignId: null));
    }

    [Fact]
    public void GivenActiveProgramsCreatedAtTheSameInstant_WhenLookedUp_ThenTheLowestIdIsTheContext()
    {
        var high = Program(Day1, id: Guid.Parse("00000002-0000-0000-0000-000000000000"));
        var low = Program(Day1, id: Guid.Parse("00000001-0000-0000-0000-000000000000"));

        var context = Find([high, low], []);

        context.ShouldNotBeNull().ProgramId.ShouldBe(low.ProgramId);
    }

    [Fact]
    public void GivenNoActiveProgramOfTheType_WhenLookedUp_ThenThereIsNoContext()
    {
        var otherType = Program(Day1, programType: "upskilling");

        Find([otherType], [CampaignOf(otherType)]).ShouldBeNull();
    }

    [Fact]
    public void GivenNoActiveProgramAtAll_WhenLookedUp_ThenThereIsNoContext() =>
        Find([], []).ShouldBeNull();

    [Fact]
    public void GivenLookupDisabled_WhenLookedUp_ThenThereIsNoContextEvenWithAMatchingCampaign()
    {
        var program = Program(Day1);

        Find([program], [CampaignOf(program)], lookupDisabled: true).ShouldBeNull();
    }

    [Fact]
    public void GivenNoCompany_WhenLookedUp_ThenCampaignsAreIgnoredAndTheOldestProgramIsTheContext()
    {
        var oldest = Program(Day1);
        var campaigned = Program(Day2);

        var context = ProgramLookup.Find(ProgramType, companyId: null, [oldest, campaigned], [CampaignOf(campaigned)], lookupDisabled: false);

        context.ShouldBe(new ProgramContext(oldest.ProgramId, ProgramType, oldest.BeneficiaryGroupId, CampaignId: null));
    }

    [Fact]
    public void GivenCampaignOfAnotherCompany_WhenLookedUp_ThenItIsIgnored()
    {
        var oldest = Program(Day1);
        var campaigned = Program(Day2);

        var context = Find([oldest, campaigned], [CampaignOf(campaigned, companyId: OtherCompanyId)]);

        context.ShouldBe(new ProgramContext(oldest.ProgramId, ProgramType, oldest.BeneficiaryGroupId, CampaignId: null));
    }

    [Fact]
    public void GivenCampaignOfAProgramOfAnotherType_WhenLookedUp_ThenItIsIgnored()
    {
        var oldest = Program(Day2);
        var otherType = Program(Day1, programType: "upskilling");

        var context = Find([oldest, otherType], [CampaignOf(otherType)]);

        context.ShouldBe(new ProgramContext(oldest.ProgramId, ProgramType, oldest.BeneficiaryGroupId, CampaignId: null));
    }

    [Fact]
    public void GivenCampaignOfAProgramThatIsNotActive_WhenLookedUp_ThenItIsIgnored()
    {
        var active = Program(Day2);
        var inactive = Program(Day1);

        var context = Find([active], [CampaignOf(inactive)]);

        context.ShouldBe(new ProgramContext(active.ProgramId, ProgramType, active.BeneficiaryGroupId, CampaignId: null));
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("lost")]
    [InlineData("Won")]
    [InlineData("")]
    public void GivenCampaignThatIsNotWonOrActive_WhenLookedUp_ThenItIsIgnored(string status)
    {
        var oldest = Program(Day1);
        var campaigned = Program(Day2);

        var context = Find([oldest, campaigned], [CampaignOf(campaigned, status)]);

        context.ShouldBe(new ProgramContext(oldest.ProgramId, ProgramType, oldest.BeneficiaryGroupId, CampaignId: null));
    }

    [Fact]
    public void GivenDraftAndWonCampaignsOfTheCompany_WhenLookedUp_ThenTheWonCampaignIsTheContext()
    {
        var first = Program(Day1);
        var second = Program(Day2);
        var draft = CampaignOf(first, "draft", createdAt: Day1);
        var won = CampaignOf(second, "won", createdAt: Day2);

        var context = Find([first, second], [draft, won]);

        context.ShouldBe(new ProgramContext(second.ProgramId, ProgramType, second.BeneficiaryGroupId, won.CampaignId));
    }

    [Fact]
    public void GivenSeveralEnrollableCampaignsOfTheCompany_WhenLookedUp_ThenTheOldestCampaignIsTheContext()
    {
        var first = Program(Day1);
        var second = Program(Day2);
        var newer = CampaignOf(first, "active", createdAt: Day3);
        var older = CampaignOf(second, "won", createdAt: Day2);

        var context = Find([first, second], [newer, older]);

        context.ShouldBe(new ProgramContext(second.ProgramId, ProgramType, second.BeneficiaryGroupId, older.CampaignId));
    }

    [Fact]
    public void GivenEnrollableCampaignsCreatedAtTheSameInstant_WhenLookedUp_ThenTheLowestCampaignIdIsTheContext()
    {
        var program = Program(Day1);
        var high = CampaignOf(program, id: Guid.Parse("00000002-0000-0000-0000-000000000000"));
        var low = CampaignOf(program, id: Guid.Parse("00000001-0000-0000-0000-000000000000"));

        var context = Find([program], [high, low]);

        context.ShouldNotBeNull().CampaignId.ShouldBe(low.CampaignId);
    }

    [Fact]
    public void GivenProgramsOfSeveralTypes_WhenLookedUp_ThenTheContextCarriesTheProgramTypeLookedFor()
    {
        var otherTypeOlder = Program(Day1, programType: "upskilling");
        var program = Program(Day2);

        var context = Find([otherTypeOlder, program], []);

        context.ShouldBe(new ProgramContext(program.ProgramId, ProgramType, program.BeneficiaryGroupId, CampaignId: null));
    }
}
