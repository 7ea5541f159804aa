using EventSourced.Domain.Configuration;
using static EventSourced.Domain.Tests.Configuration.ConfigScenario;

namespace EventSourced.Domain.Tests.Configuration;

/// <summary>The merged document: JSON Merge Patch (RFC 7386) applied layer after layer.</summary>
public class MergingConfigLayers
{
    private const string Defaults = "{'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'weekly'}, 'matching': {'maxMenteesPerMentor': 3}}";

    [Fact]
    public void GivenNestedObjects_WhenAnOverrideSetsOneKey_ThenTheOtherKeysOfTheObjectAreKept()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'recommendedFrequency': 'biweekly'}}"));

        effective.Config.ShouldBeJson(
            "{'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'biweekly'}, 'matching': {'maxMenteesPerMentor': 3}}");
    }

    [Fact]
    public void GivenDeeplyNestedObjects_WhenOverridden_ThenTheyMergeAtEveryLevel()
    {
        var effective = Resolve(
            Template("{'a': {'b': {'c': 1, 'd': 2}, 'e': 3}}"),
            Program("{'a': {'b': {'d': 20, 'f': 30}}}"));

        effective.Config.ShouldBeJson("{'a': {'b': {'c': 1, 'd': 20, 'f': 30}, 'e': 3}}");
    }

    [Fact]
    public void GivenArray_WhenOverriddenByAnotherArray_ThenItIsReplacedNotConcatenated()
    {
        var effective = Resolve(Template("{'topics': ['career', 'language', 'housing'], 'x': 1}"), Program("{'topics': ['coding']}"));

        effective.Config.ShouldBeJson("{'topics': ['coding'], 'x': 1}");
    }

    [Fact]
    public void GivenArrayOfObjects_WhenOverridden_ThenItemsAreNotMergedByPosition()
    {
        var effective = Resolve(Template("{'steps': [{'name': 'intro', 'minutes': 10}]}"), Program("{'steps': [{'name': 'kickoff'}]}"));

        effective.Config.ShouldBeJson("{'steps': [{'name': 'kickoff'}]}");
    }

    [Theory]
    [InlineData("90", "{'session': {'defaultDurationMinutes': 90}}")]
    [InlineData("'ninety'", "{'session': {'defaultDurationMinutes': 'ninety'}}")]
    [InlineData("true", "{'session': {'defaultDurationMinutes': true}}")]
    [InlineData("[90]", "{'session': {'defaultDurationMinutes': [90]}}")]
    public void GivenScalar_WhenOverridden_ThenTheNewValueReplacesIt(string value, string expected)
    {
        var effective = Resolve(Template("{'session': {'defaultDurationMinutes': 60}}"), Program($"{{'session': {{'defaultDurationMinutes': {value}}}}}"));

        effective.Config.ShouldBeJson(expected);
    }

    [Fact]
    public void GivenExplicitNull_WhenMerged_ThenTheKeyIsRemoved()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'recommendedFrequency': null}}"));

        effective.Config.ShouldBeJson("{'session': {'defaultDurationMinutes': 60}, 'matching': {'maxMenteesPerMentor': 3}}");
    }

    [Fact]
    public void GivenExplicitNullForAnObject_WhenMerged_ThenTheWholeObjectIsRemoved()
    {
        var effective = Resolve(Template(Defaults), Program("{'matching': null}"));

        effective.Config.ShouldBeJson("{'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'weekly'}}");
    }

    [Fact]
    public void GivenKeyRemovedByProgram_WhenCampaignSetsItAgain_ThenItIsBack()
    {
        var effective = Resolve(Template(Defaults), Program("{'matching': null}"), Campaign("{'matching': {'maxMenteesPerMentor': 1}}"));

        effective.Config["matching"].ShouldBeJson("{'maxMenteesPerMentor': 1}");
    }

    [Fact]
    public void GivenExplicitNullForAnAbsentKey_WhenMerged_ThenNothingChanges()
    {
        var effective = Resolve(Template(Defaults), Program("{'reporting': null}"));

        effective.Config.ShouldBeJson(Defaults);
    }

    [Fact]
    public void GivenOverrideWithNewNestedObject_WhenMerged_ThenItIsAdded()
    {
        var effective = Resolve(Template(Defaults), Program("{'reporting': {'frequency': 'monthly', 'channels': {'email': true}}}"));

        effective.Config.ShouldBeJson("""
            {'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'weekly'}, 'matching': {'maxMenteesPerMentor': 3},
             'reporting': {'frequency': 'monthly', 'channels': {'email': true}}}
            """);
    }

    [Fact]
    public void GivenScalar_WhenOverriddenByAnObject_ThenTheObjectReplacesIt()
    {
        var effective = Resolve(Template("{'session': 'standard', 'x': 1}"), Program("{'session': {'defaultDurationMinutes': 45}}"));

        effective.Config.ShouldBeJson("{'session': {'defaultDurationMinutes': 45}, 'x': 1}");
    }

    [Fact]
    public void GivenObject_WhenOverriddenByAScalar_ThenTheScalarReplacesTheWholeObject()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': 'none'}"));

        effective.Config.ShouldBeJson("{'session': 'none', 'matching': {'maxMenteesPerMentor': 3}}");
    }

    [Fact]
    public void GivenObject_WhenOverriddenByAnArray_ThenTheArrayReplacesIt()
    {
        var effective = Resolve(Template(Defaults), Program("{'matching': [1, 2]}"));

        effective.Config["matching"].ShouldBeJson("[1, 2]");
    }

    [Fact]
    public void GivenThreeLayers_WhenTheSameLeafIsSetByEach_ThenTheHighestLayerWins()
    {
        var effective = Resolve(
            Template("{'session': {'defaultDurationMinutes': 60}}"),
            Program("{'session': {'defaultDurationMinutes': 90}}"),
            Campaign("{'session': {'defaultDurationMinutes': 45}}"));

        effective.Config.ShouldBeJson("{'session': {'defaultDurationMinutes': 45}}");
    }

    [Fact]
    public void GivenEmptyOverrideLayers_WhenMerged_ThenTheTemplateDefaultsAreTheResult()
    {
        var effective = Resolve(Template(Defaults), Program("{}"), Campaign("{'session': {}}"));

        effective.Config.ShouldBeJson(Defaults);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("42")]
    [InlineData("'text'")]
    [InlineData("null")]
    [InlineData("true")]
    public void GivenLayerThatIsNotAJsonObject_WhenMerged_ThenItIsIgnored(string values)
    {
        var effective = Resolve(Template(Defaults), Program(values), Campaign("{'session': {'defaultDurationMinutes': 45}}"));

        effective.Config.ShouldBeJson(
            "{'session': {'defaultDurationMinutes': 45, 'recommendedFrequency': 'weekly'}, 'matching': {'maxMenteesPerMentor': 3}}");
        effective.Provenance.Values.ShouldAllBe(source => source.Source != ConfigLayer.Program);
    }

    [Fact]
    public void GivenUndefinedElement_WhenMerged_ThenItIsIgnored()
    {
        var effective = ConfigMerge.Resolve([Template(Defaults), new ConfigLayer(ConfigLayer.Program, default)]);

        effective.Config.ShouldBeJson(Defaults);
    }

    [Fact]
    public void GivenNoLayers_WhenMerged_ThenTheConfigIsEmpty()
    {
        var effective = Resolve();

        effective.Config.ShouldBeJson("{}");
        effective.Provenance.ShouldBeEmpty();
    }

    [Fact]
    public void GivenLayers_WhenMergedWithoutProvenance_ThenTheDocumentIsTheSame()
    {
        var merged = ConfigMerge.Merge(Json.Parse(Defaults), Json.Parse("{'session': {'recommendedFrequency': null}, 'matching': {'maxMenteesPerMentor': 5}}"));

        merged.ShouldBeJson("{'session': {'defaultDurationMinutes': 60}, 'matching': {'maxMenteesPerMentor': 5}}");
    }

    [Fact]
    public void GivenLayers_WhenMerged_ThenTheInputLayersAreUnchanged()
    {
        var template = Template(Defaults);
        var program = Program("{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': null}}");

        var effective = Resolve(template, program);
        effective.Config["session"]!["defaultDurationMinutes"] = 1;

        template.Values.ShouldBeJson(Defaults);
        program.Values.ShouldBeJson("{'session': {'defaultDurationMinutes': 90, 'recommendedFrequency': null}}");
        Resolve(template, program).Config.ShouldBeJson("{'session': {'defaultDurationMinutes': 90}, 'matching': {'maxMenteesPerMentor': 3}}");
    }
}
