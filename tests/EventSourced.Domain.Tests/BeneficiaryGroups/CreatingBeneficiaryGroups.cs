using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.BeneficiaryGroups.BeneficiaryGroupScenario;

namespace EventSourced.Domain.Tests.BeneficiaryGroups;

public class CreatingBeneficiaryGroups
{
    private static readonly Guid NewId = Guid.NewGuid();

    [Fact]
    public void GivenValidDetails_WhenCreated_ThenTheGroupIsCreatedAsSent()
    {
        var created = BeneficiaryGroupDecisions.Create(ValidCreate(), NewId, Now).ShouldEmitSingle<BeneficiaryGroupCreated>();

        created.ShouldSatisfyAllConditions(
            c => c.BeneficiaryGroupId.ShouldBe(NewId),
            c => c.Name.ShouldBe("Syrian refugees in Germany"),
            c => c.Description.ShouldBe("Adults who arrived since 2015"),
            c => c.Region.ShouldBe("DE"),
            c => c.Tags.ShouldBe(["refugees", "syria"]),
            c => c.CreatedAt.ShouldBe(Now));
    }

    [Fact]
    public void GivenOnlyAName_WhenCreated_ThenTheOptionalFieldsAreEmpty()
    {
        var created = BeneficiaryGroupDecisions.Create(new CreateBeneficiaryGroup("  Young carers  ", null, null, null), NewId, Now)
            .ShouldEmitSingle<BeneficiaryGroupCreated>();

        created.Name.ShouldBe("Young carers");
        created.Description.ShouldBeNull();
        created.Region.ShouldBeNull();
        created.Tags.ShouldBeEmpty();
    }

    [Fact]
    public void GivenCreatedEvent_WhenFolded_ThenTheStateHasItsFields()
    {
        var created = BeneficiaryGroupDecisions.Create(ValidCreate(), NewId, Now).ShouldEmitSingle<BeneficiaryGroupCreated>();

        BeneficiaryGroup.Evolve(null, created).ShouldBe(
            new BeneficiaryGroup(NewId, "Syrian refugees in Germany", "Adults who arrived since 2015", "DE", created.Tags, Now, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenNoName_WhenCreated_ThenNameIsRequired(string? name)
    {
        var error = BeneficiaryGroupDecisions.Create(ValidCreate() with { Name = name }, NewId, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("name"),
            e => e.Rule.ShouldBe("NotEmptyValidator"));
    }

    [Fact]
    public void GivenTooLongTexts_WhenCreated_ThenEachFieldIsNamed()
    {
        var command = new CreateBeneficiaryGroup(new string('n', 201), new string('d', 2001), new string('r', 101), null);

        var error = BeneficiaryGroupDecisions.Create(command, NewId, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe(
            [("name", "MaximumLengthValidator"), ("description", "MaximumLengthValidator"), ("region", "MaximumLengthValidator")],
            ignoreOrder: true);
    }

    [Fact]
    public void GivenTextsAtTheirLimits_WhenCreated_ThenTheyAreAccepted()
    {
        var command = new CreateBeneficiaryGroup(new string('n', 200), new string('d', 2000), new string('r', 100), ManyTags(20));

        BeneficiaryGroupDecisions.Create(command, NewId, Now).ShouldEmitSingle<BeneficiaryGroupCreated>().Tags.Count.ShouldBe(20);
    }

    [Fact]
    public void GivenMoreThanTwentyTags_WhenCreated_ThenTagsIsNamed()
    {
        var error = BeneficiaryGroupDecisions.Create(ValidCreate(ManyTags(21)), NewId, Now).ShouldBeRejected(ErrorKind.Invalid);

        var tags = error.Errors.ShouldHaveSingleItem();
        tags.Path.ShouldBe("tags");
        tags.Message.ShouldContain("at most 20 tags");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenEmptyTag_WhenCreated_ThenThatTagIsNamed(string tag)
    {
        var error = BeneficiaryGroupDecisions.Create(ValidCreate(["refugees", tag]), NewId, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("tags[1]"),
            e => e.Rule.ShouldBe("NotEmptyValidator"));
    }

    [Fact]
    public void GivenTagLongerThanFiftyCharacters_WhenCreated_ThenThatTagIsNamed()
    {
        var error = BeneficiaryGroupDecisions.Create(ValidCreate([new string('t', 51)]), NewId, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("tags[0]"),
            e => e.Rule.ShouldBe("MaximumLengthValidator"));
    }

    [Fact]
    public void GivenTagsWithSpacesAndDuplicates_WhenCreated_ThenTheyAreTrimmedAndDeduplicatedInOrder()
    {
        var created = BeneficiaryGroupDecisions.Create(ValidCreate([" refugees ", "syria", "refugees", "syria  ", "Refugees"]), NewId, Now)
            .ShouldEmitSingle<BeneficiaryGroupCreated>();

        created.Tags.ShouldBe(["refugees", "syria", "Refugees"]); // ordinal: case is kept
    }
}
