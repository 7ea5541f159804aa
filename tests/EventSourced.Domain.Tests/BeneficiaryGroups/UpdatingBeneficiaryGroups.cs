using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.BeneficiaryGroups.BeneficiaryGroupScenario;

namespace EventSourced.Domain.Tests.BeneficiaryGroups;

public class UpdatingBeneficiaryGroups
{
    [Fact]
    public void GivenGroup_WhenOnlyTheNameIsSent_ThenUnsentFieldsKeepTheirValues()
    {
        var group = Existing();

        var updated = BeneficiaryGroupDecisions.Update(group, Update(group, name: " Syrian and Afghan refugees "), Now)
            .ShouldEmitSingle<BeneficiaryGroupUpdated>();

        updated.ShouldSatisfyAllConditions(
            u => u.BeneficiaryGroupId.ShouldBe(group.Id),
            u => u.Name.ShouldBe("Syrian and Afghan refugees"),
            u => u.Description.ShouldBe("Adults who arrived since 2015"),
            u => u.Region.ShouldBe("DE"),
            u => u.Tags.ShouldBe(["refugees", "syria"]),
            u => u.UpdatedAt.ShouldBe(Now));
    }

    [Fact]
    public void GivenGroup_WhenOnlyTagsAreSent_ThenTheyReplaceTheOldTagsNormalized()
    {
        var group = Existing();

        var updated = BeneficiaryGroupDecisions.Update(group, Update(group, tags: [" afghanistan", "afghanistan "]), Now)
            .ShouldEmitSingle<BeneficiaryGroupUpdated>();

        updated.Name.ShouldBe(group.Name);
        updated.Tags.ShouldBe(["afghanistan"]);
    }

    [Fact]
    public void GivenGroup_WhenAnEmptyTagListIsSent_ThenTheTagsAreCleared()
    {
        var group = Existing();

        BeneficiaryGroupDecisions.Update(group, Update(group, tags: []), Now).ShouldEmitSingle<BeneficiaryGroupUpdated>().Tags.ShouldBeEmpty();
    }

    [Fact]
    public void GivenGroup_WhenEverythingIsSent_ThenEverythingChanges()
    {
        var group = Existing();

        var updated = BeneficiaryGroupDecisions.Update(group, Update(group, "Ukrainian refugees", "Since 2022", "PL", ["ukraine"]), Now)
            .ShouldEmitSingle<BeneficiaryGroupUpdated>();

        updated.ShouldBe(updated with { Name = "Ukrainian refugees", Description = "Since 2022", Region = "PL" });
        updated.Tags.ShouldBe(["ukraine"]);
    }

    [Fact]
    public void GivenUpdatedEvent_WhenFolded_ThenTheStateChangesButKeepsItsCreationTime()
    {
        var group = Existing();
        var updated = BeneficiaryGroupDecisions.Update(group, Update(group, region: "AT"), Now).ShouldEmitSingle<BeneficiaryGroupUpdated>();

        var after = BeneficiaryGroup.Evolve(group, updated)!;

        after.Region.ShouldBe("AT");
        after.CreatedAt.ShouldBe(Created);
        after.UpdatedAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void GivenGroup_WhenAnEmptyNameIsSent_ThenNameIsNamed(string name)
    {
        var group = Existing();

        var error = BeneficiaryGroupDecisions.Update(group, Update(group, name: name), Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("name");
    }

    [Fact]
    public void GivenGroup_WhenTooManyTagsAreSent_ThenTagsIsNamed()
    {
        var group = Existing();

        var error = BeneficiaryGroupDecisions.Update(group, Update(group, tags: ManyTags(21)), Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("tags");
    }
}
