using static EventSourced.Domain.Tests.Configuration.ConfigScenario;

namespace EventSourced.Domain.Tests.Configuration;

/// <summary>Every leaf of the effective configuration remembers the layer that supplied it and the values it overrode.</summary>
public class TrackingConfigProvenance
{
    private const string Defaults = "{'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'weekly'}, 'matching': {'maxMenteesPerMentor': 3}}";

    [Fact]
    public void GivenTemplateOnly_WhenResolved_ThenEveryLeafComesFromTheTemplate()
    {
        var effective = Resolve(Template(Defaults));

        effective.Leaves().ShouldBe(["matching.maxMenteesPerMentor", "session.defaultDurationMinutes", "session.recommendedFrequency"]);
        effective.Provenance.Values.ShouldAllBe(source => source.Source == "template v1" && source.Overridden.Count == 0);
        effective.Leaf("session.defaultDurationMinutes").Value.ShouldBeJson("60");
    }

    [Fact]
    public void GivenThreeLayers_WhenEachSetsTheDuration_ThenTheCampaignSuppliesItAndTheOverriddenValuesAreListedMostRecentFirst()
    {
        var effective = Resolve(
            Template("{'session': {'defaultDurationMinutes': 60}}"),
            Program("{'session': {'defaultDurationMinutes': 90}}"),
            Campaign("{'session': {'defaultDurationMinutes': 45}}"));

        var duration = effective.Leaf("session.defaultDurationMinutes");
        duration.Source.ShouldBe("campaign");
        duration.Value.ShouldBeJson("45");
        duration.Overridden.Select(o => o.Source).ShouldBe(["program", "template v1"]);
        duration.Overridden.Select(o => o.Value!.GetValue<int>()).ShouldBe([90, 60]);
    }

    [Fact]
    public void GivenThreeLayers_WhenUpperLayersTouchOnlySomeLeaves_ThenUntouchedLeavesKeepTheTemplateAsSource()
    {
        var effective = Resolve(
            Template(Defaults),
            Program("{'session': {'defaultDurationMinutes': 90}}"),
            Campaign("{'session': {'defaultDurationMinutes': 45}}"));

        effective.Leaf("session.recommendedFrequency").ShouldSatisfyAllConditions(
            s => s.Source.ShouldBe("template v1"),
            s => s.Value.ShouldBeJson("'weekly'"),
            s => s.Overridden.ShouldBeEmpty());
        effective.Leaf("matching.maxMenteesPerMentor").Source.ShouldBe("template v1");
    }

    [Fact]
    public void GivenProgramOverride_WhenCampaignDoesNotTouchIt_ThenTheProgramStaysTheSource()
    {
        var effective = Resolve(Template(Defaults), Program("{'matching': {'maxMenteesPerMentor': 2}}"), Campaign("{}"));

        var leaf = effective.Leaf("matching.maxMenteesPerMentor");
        leaf.Source.ShouldBe("program");
        leaf.Overridden.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            o => o.Source.ShouldBe("template v1"),
            o => o.Value.ShouldBeJson("3"));
    }

    [Fact]
    public void GivenArray_WhenOverridden_ThenTheArrayIsOneLeafWithTheReplacedArrayAsOverridden()
    {
        var effective = Resolve(Template("{'topics': ['career', 'language']}"), Program("{'topics': ['coding']}"));

        effective.Leaves().ShouldBe(["topics"]);
        var topics = effective.Leaf("topics");
        topics.Source.ShouldBe("program");
        topics.Value.ShouldBeJson("['coding']");
        topics.Overridden.ShouldHaveSingleItem().Value.ShouldBeJson("['career', 'language']");
    }

    [Fact]
    public void GivenExplicitNull_WhenMerged_ThenTheRemovedLeafHasNoProvenance()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'recommendedFrequency': null}}"));

        effective.Leaves().ShouldBe(["matching.maxMenteesPerMentor", "session.defaultDurationMinutes"]);
    }

    [Fact]
    public void GivenExplicitNullForAnObject_WhenMerged_ThenTheProvenanceOfEveryNestedLeafIsRemoved()
    {
        var effective = Resolve(
            Template("{'matching': {'maxMenteesPerMentor': 3, 'criteria': {'language': 'en', 'region': 'DE'}}, 'matchingMode': 'auto'}"),
            Program("{'matching': {'criteria': {'region': 'AT'}}}"),
            Campaign("{'matching': null}"));

        effective.Leaves().ShouldBe(["matchingMode"]); // a key that merely starts with the same letters is kept
        effective.Config.ShouldBeJson("{'matchingMode': 'auto'}");
    }

    [Fact]
    public void GivenRemovedKey_WhenAHigherLayerSetsItAgain_ThenTheRemovedValueIsNotListedAsOverridden()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'defaultDurationMinutes': null}}"),
            Campaign("{'session': {'defaultDurationMinutes': 30}}"));

        var leaf = effective.Leaf("session.defaultDurationMinutes");
        leaf.Source.ShouldBe("campaign");
        leaf.Overridden.ShouldBeEmpty();
    }

    [Fact]
    public void GivenOverrideWithNewNestedObject_WhenMerged_ThenEachOfItsLeavesComesFromThatLayer()
    {
        var effective = Resolve(Template(Defaults), Program("{'reporting': {'frequency': 'monthly', 'channels': {'email': true}}}"));

        effective.Leaves().ShouldBe([
            "matching.maxMenteesPerMentor", "reporting.channels.email", "reporting.frequency",
            "session.defaultDurationMinutes", "session.recommendedFrequency",
        ]);
        effective.Leaf("reporting.channels.email").ShouldSatisfyAllConditions(
            s => s.Source.ShouldBe("program"),
            s => s.Value.ShouldBeJson("true"),
            s => s.Overridden.ShouldBeEmpty());
        effective.Leaf("reporting.frequency").Source.ShouldBe("program");
        effective.Provenance.ShouldNotContainKey("reporting");
    }

    [Fact]
    public void GivenScalar_WhenReplacedByAnObject_ThenTheObjectsLeavesReplaceTheScalarInTheProvenance()
    {
        var effective = Resolve(Template("{'session': 'standard'}"), Program("{'session': {'defaultDurationMinutes': 45}}"));

        effective.Leaves().ShouldBe(["session.defaultDurationMinutes"]);
        effective.Leaf("session.defaultDurationMinutes").Source.ShouldBe("program");
    }

    [Fact]
    public void GivenObject_WhenReplacedByAScalar_ThenTheScalarIsALeafAndTheNestedLeavesAreGone()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': 'none'}"));

        effective.Leaves().ShouldBe(["matching.maxMenteesPerMentor", "session"]);
        effective.Leaf("session").ShouldSatisfyAllConditions(
            s => s.Source.ShouldBe("program"),
            s => s.Value.ShouldBeJson("'none'"));
    }

    [Fact]
    public void GivenScalar_WhenReplacedByAnEmptyObject_ThenTheEmptyObjectIsALeafThatOverrodeTheScalar()
    {
        var effective = Resolve(Template("{'session': 'standard'}"), Program("{'session': {}}"));

        effective.Config.ShouldBeJson("{'session': {}}");
        var session = effective.Leaf("session");
        session.Source.ShouldBe("program");
        session.Value.ShouldBeJson("{}");
        session.Overridden.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            o => o.Source.ShouldBe("template v1"),
            o => o.Value.ShouldBeJson("'standard'"));
    }

    [Fact]
    public void GivenEmptyOverrideLayers_WhenMerged_ThenTheProvenanceIsThatOfTheTemplateAlone()
    {
        var templateOnly = Resolve(Template(Defaults));

        var effective = Resolve(Template(Defaults), Program("{}"), Campaign("{'session': {}, 'matching': {}}"));

        effective.Leaves().ShouldBe(templateOnly.Leaves());
        effective.Provenance.Values.ShouldAllBe(source => source.Source == "template v1" && source.Overridden.Count == 0);
    }

    [Fact]
    public void GivenLayerThatIsNotAJsonObject_WhenMerged_ThenItIsNotListedAsOverridden()
    {
        var effective = Resolve(Template(Defaults), Program("[1]"), Campaign("{'session': {'defaultDurationMinutes': 45}}"));

        effective.Leaf("session.defaultDurationMinutes").Overridden.Select(o => o.Source).ShouldBe(["template v1"]);
    }
}
