using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using static EventSourced.Domain.Tests.Configuration.ConfigScenario;

namespace EventSourced.Domain.Tests.Configuration;

/// <summary>The merged configuration against the template's schema: path, rule and the layer that supplied the value.</summary>
public class ValidatingEffectiveConfig
{
    private static readonly System.Text.Json.JsonElement Schema = Json.Parse("""
        {'type': 'object', 'required': ['session'], 'properties': {
          'session': {'type': 'object', 'required': ['defaultDurationMinutes'], 'properties': {
            'defaultDurationMinutes': {'type': 'integer', 'minimum': 15, 'maximum': 120},
            'recommendedFrequency': {'enum': ['weekly', 'biweekly']}}},
          'topics': {'type': 'array', 'maxItems': 3, 'items': {'type': 'string', 'maxLength': 10}}}}
        """);

    private const string Defaults = "{'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'weekly'}, 'topics': ['career']}";

    [Fact]
    public void GivenValidLayers_WhenChecked_ThenThereAreNoErrors()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'defaultDurationMinutes': 90}}"), Campaign("{'topics': ['coding', 'language']}"));

        ConfigValidation.Check(Schema, effective).ShouldBeEmpty();
    }

    [Fact]
    public void GivenProgramValueAboveTheMaximum_WhenChecked_ThenTheErrorNamesPathRuleAndTheProgram()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'defaultDurationMinutes': 150}}"));

        ConfigValidation.Check(Schema, effective).ShouldHaveSingleItem().ShouldBe(new FieldError(
            "config.session.defaultDurationMinutes", "must be at most 120 (rule: maximum); value from program", "maximum"));
    }

    [Fact]
    public void GivenCampaignValueOfTheWrongType_WhenChecked_ThenTheErrorNamesTheCampaign()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'defaultDurationMinutes': 90}}"),
            Campaign("{'session': {'defaultDurationMinutes': 'forty-five'}}"));

        ConfigValidation.Check(Schema, effective).ShouldHaveSingleItem().ShouldBe(new FieldError(
            "config.session.defaultDurationMinutes", "must be of type integer (rule: type); value from campaign", "type"));
    }

    [Fact]
    public void GivenTemplateValueNotInTheEnum_WhenChecked_ThenTheErrorNamesTheTemplateVersion()
    {
        var effective = Resolve(Template("{'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'daily'}}"), Program("{}"));

        var error = ConfigValidation.Check(Schema, effective).ShouldHaveSingleItem();

        error.Path.ShouldBe("config.session.recommendedFrequency");
        error.Rule.ShouldBe("enum");
        error.Message.ShouldEndWith("; value from template v1");
    }

    [Fact]
    public void GivenSeveralViolationsFromDifferentLayers_WhenChecked_ThenEachNamesItsOwnLayer()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'defaultDurationMinutes': 5}}"),
            Campaign("{'session': {'recommendedFrequency': 'hourly'}}"));

        ConfigValidation.Check(Schema, effective).Select(e => (e.Path, e.Rule, e.Message[(e.Message.LastIndexOf(';') + 2)..])).ShouldBe(
        [
            ("config.session.defaultDurationMinutes", "minimum", "value from program"),
            ("config.session.recommendedFrequency", "enum", "value from campaign"),
        ]);
    }

    [Fact]
    public void GivenRequiredKeyRemovedByAnOverride_WhenChecked_ThenItIsRequired()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': {'defaultDurationMinutes': null}}"));

        var error = ConfigValidation.Check(Schema, effective).ShouldHaveSingleItem();

        error.Path.ShouldBe("config.session.defaultDurationMinutes");
        error.Rule.ShouldBe("required");
        error.Message.ShouldBe("'defaultDurationMinutes' is required (rule: required)"); // no layer supplied a value
    }

    [Fact]
    public void GivenRequiredObjectMissing_WhenChecked_ThenTheRootPropertyIsNamed()
    {
        var error = ConfigValidation.Check(Schema, Resolve(Template("{}"))).ShouldHaveSingleItem();

        error.ShouldBe(new FieldError("config.session", "'session' is required (rule: required)", "required"));
    }

    [Fact]
    public void GivenArrayReplacedByALongerOne_WhenChecked_ThenTheArrayIsNamedWithItsLayer()
    {
        var effective = Resolve(Template(Defaults), Campaign("{'topics': ['a', 'b', 'c', 'd']}"));

        ConfigValidation.Check(Schema, effective).ShouldHaveSingleItem().ShouldBe(new FieldError(
            "config.topics", "must have at most 3 items (rule: maxItems); value from campaign", "maxItems"));
    }

    [Fact]
    public void GivenInvalidArrayItem_WhenChecked_ThenTheItemIsNamedWithTheLayerThatSuppliedTheArray()
    {
        var effective = Resolve(Template(Defaults), Program("{'topics': ['coding', 'intercultural-communication']}"));

        ConfigValidation.Check(Schema, effective).ShouldHaveSingleItem().ShouldBe(new FieldError(
            "config.topics[1]", "must be at most 10 characters long (rule: maxLength); value from program", "maxLength"));
    }

    [Fact]
    public void GivenObjectReplacedByAScalar_WhenChecked_ThenTheTypeErrorNamesTheLayer()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': 'none'}"));

        // (NJsonSchema also applies the nested 'required' to the string; only the type error is asserted here.)
        ConfigValidation.Check(Schema, effective).ShouldContain(new FieldError(
            "config.session", "must be of type object (rule: type); value from program", "type"));
    }

    [Fact]
    public void GivenInvalidPropertyOfAnObjectInAnArray_WhenChecked_ThenItIsNamedWithTheLayerThatSuppliedTheArray()
    {
        var schema = Json.Parse("{'properties': {'steps': {'type': 'array', 'items': {'type': 'object', 'properties': {'minutes': {'maximum': 30}}}}}}");
        var effective = Resolve(Template("{'steps': [{'minutes': 10}]}"), Campaign("{'steps': [{'minutes': 10}, {'minutes': 45}]}"));

        ConfigValidation.Check(schema, effective).ShouldHaveSingleItem().ShouldBe(new FieldError(
            "config.steps[1].minutes", "must be at most 30 (rule: maximum); value from campaign", "maximum"));
    }

    [Fact]
    public void GivenAnotherFieldPath_WhenChecked_ThenErrorsAreNamedUnderIt()
    {
        var campaignId = Guid.Parse("7d0f4c1e-2b7a-4c55-9d0e-1f2a3b4c5d6e");
        var effective = Resolve(Template(Defaults), Campaign("{'session': {'defaultDurationMinutes': 121}}"));

        ConfigValidation.Check(Schema, effective, $"campaigns[{campaignId}].config").ShouldHaveSingleItem().ShouldBe(new FieldError(
            "campaigns[7d0f4c1e-2b7a-4c55-9d0e-1f2a3b4c5d6e].config.session.defaultDurationMinutes",
            "must be at most 120 (rule: maximum); value from campaign", "maximum"));
    }

    [Fact]
    public void GivenEmptySchema_WhenChecked_ThenAnyConfigIsValid()
    {
        var effective = Resolve(Template(Defaults), Program("{'session': 'anything', 'extra': [1, {'a': null}]}"));

        ConfigValidation.Check(Json.Empty, effective).ShouldBeEmpty();
    }

    [Fact]
    public void GivenSchemaThatIsNotAnObject_WhenChecked_ThenTheSchemaItselfIsNamed()
    {
        var error = ConfigValidation.Check(Json.Parse("[]"), Resolve(Template(Defaults))).ShouldHaveSingleItem();

        error.Path.ShouldBe("configSchema");
        error.Rule.ShouldBe("type");
    }

    [Fact]
    public void GivenNoErrors_WhenCombined_ThenThereIsNoError()
    {
        ConfigValidation.Combine([], []).ShouldBeNull();
    }

    [Fact]
    public void GivenOnlyConfigErrors_WhenCombined_ThenTheTitleIsConfigValidationFailed()
    {
        FieldError configError = new("config.session.defaultDurationMinutes", "must be at most 120 (rule: maximum); value from program", "maximum");

        var error = ConfigValidation.Combine([], [configError]).ShouldNotBeNull();

        error.Kind.ShouldBe(ErrorKind.Invalid);
        error.Title.ShouldBe("Config validation failed");
        error.Title.ShouldBe(ConfigValidation.Failed);
        error.Errors.ShouldBe([configError]);
    }

    [Fact]
    public void GivenFieldAndConfigErrors_WhenCombined_ThenTheTitleIsValidationFailedAndBothAreListedFieldsFirst()
    {
        FieldError fieldError = new("name", "'name' must not be empty.", "NotEmptyValidator");
        FieldError configError = new("config.session.defaultDurationMinutes", "must be at most 120 (rule: maximum); value from program", "maximum");

        var error = ConfigValidation.Combine([fieldError], [configError]).ShouldNotBeNull();

        error.Kind.ShouldBe(ErrorKind.Invalid);
        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldBe([fieldError, configError]);
    }

    [Fact]
    public void GivenOnlyFieldErrors_WhenCombined_ThenTheTitleIsValidationFailed()
    {
        FieldError fieldError = new("name", "'name' must not be empty.", "NotEmptyValidator");

        var error = ConfigValidation.Combine([fieldError], []).ShouldNotBeNull();

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldBe([fieldError]);
    }
}
