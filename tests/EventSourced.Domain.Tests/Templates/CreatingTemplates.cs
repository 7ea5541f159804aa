using EventSourced.Domain.Common;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Events;
using static EventSourced.Domain.Tests.Templates.TemplateScenario;

namespace EventSourced.Domain.Tests.Templates;

public class CreatingTemplates
{
    private static readonly Guid NewId = Guid.NewGuid();

    [Fact]
    public void GivenNewKey_WhenCreated_ThenDraftVersionOneIsCreated()
    {
        var created = TemplateDecisions.Create(ValidCreate(), NewId, latestVersionOfKey: null, Now).ShouldEmitSingle<TemplateCreated>();

        created.TemplateId.ShouldBe(NewId);
        created.TemplateKey.ShouldBe("mentorship-tech-workers");
        created.Version.ShouldBe(1);
        created.Category.ShouldBe("mentorship");
        created.PreviousVersionId.ShouldBeNull();
        created.CreatedAt.ShouldBe(Now);
        created.DefaultConfig.GetProperty("session").GetProperty("defaultDurationMinutes").GetInt32().ShouldBe(60);
        Template.From(created).Status.ShouldBe(TemplateStatus.Draft);
    }

    [Fact]
    public void GivenExistingKey_WhenCreated_ThenConflictPointsToVersioning()
    {
        var error = TemplateDecisions.Create(ValidCreate(), NewId, latestVersionOfKey: 3, Now).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe(TemplateDecisions.TemplateKeyTaken);
        error.Detail.ShouldContain("/versions");
    }

    [Theory]
    [InlineData("Mentorship")]
    [InlineData("mentorship_tech")]
    [InlineData("-leading-hyphen")]
    [InlineData("double--hyphen")]
    [InlineData("has space")]
    public void GivenKeyThatIsNotALowercaseSlug_WhenCreated_ThenTemplateKeyIsInvalid(string key)
    {
        var error = TemplateDecisions.Create(ValidCreate(key), NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("templateKey");
    }

    [Fact]
    public void GivenEveryRequiredFieldMissing_WhenCreated_ThenEveryFieldIsNamed()
    {
        var command = new EventSourced.Domain.Templates.Commands.CreateTemplate(null, null, null, null, null, null);

        var error = TemplateDecisions.Create(command, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => e.Path).Distinct().Order()
            .ShouldBe(["category", "configSchema", "defaultConfig", "name", "templateKey"]);
    }

    [Fact]
    public void GivenNonObjectDefaultConfig_WhenCreated_ThenDefaultConfigIsInvalid()
    {
        var command = ValidCreate() with { DefaultConfig = Json.Parse("[1, 2]") };

        var error = TemplateDecisions.Create(command, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("defaultConfig");
    }

    [Fact]
    public void GivenEmptySchema_WhenCreated_ThenAnyDefaultConfigIsAccepted()
    {
        var command = ValidCreate() with { DefaultConfig = Json.Parse("{'anything': [1, {'nested': true}]}"), ConfigSchema = Json.Empty };

        TemplateDecisions.Create(command, NewId, null, Now).ShouldEmitSingle<TemplateCreated>();
    }

    [Theory]
    [InlineData("{'type': 'banana'}", "configSchema.type")]
    [InlineData("{'properties': {'session': {'minimum': 'ten'}}}", "configSchema.properties.session.minimum")]
    [InlineData("{'required': 'session'}", "configSchema.required")]
    [InlineData("{'properties': 5}", "configSchema.properties")]
    public void GivenInvalidJsonSchema_WhenCreated_ThenTheSchemaPathIsNamed(string schema, string expectedPath)
    {
        var command = ValidCreate() with { ConfigSchema = Json.Parse(schema) };

        var error = TemplateDecisions.Create(command, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => e.Path).ShouldContain(expectedPath);
        error.Errors.ShouldAllBe(e => e.Message.Contains("not a valid JSON Schema"));
    }

    [Theory]
    [InlineData("{'pattern': '(['}", "configSchema.pattern")]
    [InlineData("{'properties': {'code': {'pattern': '(['}}}", "configSchema.properties.code.pattern")]
    [InlineData("{'properties': {'enum': {'type': 'string', 'pattern': '(['}}}", "configSchema.properties.enum.pattern")]
    [InlineData("{'definitions': {'const': {'pattern': '(['}}}", "configSchema.definitions.const.pattern")]
    [InlineData("{'patternProperties': {'([': {}}}", "configSchema.patternProperties.([")]
    [InlineData("{'patternProperties': {'^a': {'pattern': '(['}}}", "configSchema.patternProperties.^a.pattern")]
    [InlineData("{'items': [{'pattern': '(['}]}", "configSchema.items[0].pattern")]
    public void GivenSchemaPatternThatIsNoRegularExpression_WhenCreated_ThenItsPathIsNamed(string schema, string expectedPath)
    {
        var command = ValidCreate() with { ConfigSchema = Json.Parse(schema) };

        var error = TemplateDecisions.Create(command, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe(expectedPath);
        error.Errors[0].Message.ShouldStartWith("is not a valid regular expression");
    }

    [Theory]
    [InlineData("{'properties': {'code': {'enum': ['([']}}}")]
    [InlineData("{'properties': {'code': {'const': {'pattern': '(['}}}}")]
    [InlineData("{'properties': {'pattern': {'type': 'string'}}}")]
    [InlineData("{'default': {'pattern': '(['}, 'examples': [{'pattern': '(['}]}")]
    public void GivenPatternLookalikesThatAreData_WhenCreated_ThenTheSchemaIsAccepted(string schema)
    {
        var command = ValidCreate() with { DefaultConfig = Json.Empty, ConfigSchema = Json.Parse(schema) };

        TemplateDecisions.Create(command, NewId, null, Now).ShouldEmitSingle<TemplateCreated>();
    }

    [Theory]
    [InlineData("{'$ref': 'http://169.254.169.254/latest/meta-data'}")]
    [InlineData("{'$ref': 'file:///etc/passwd'}")]
    [InlineData("{'$ref': '#/definitions/missing'}")]
    public void GivenSchemaReferencingOutsideItself_WhenCreated_ThenItIsRefusedWithoutIo(string schema)
    {
        var command = ValidCreate() with { ConfigSchema = Json.Parse(schema) };

        var error = TemplateDecisions.Create(command, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("configSchema");
    }

    [Fact]
    public void GivenDefaultsViolatingTheSchema_WhenCreated_ThenEveryViolationNamesItsPathAndRule()
    {
        var command = ValidCreate() with
        {
            DefaultConfig = Json.Parse("{'session': {'defaultDurationMinutes': 600, 'recommendedFrequency': 'hourly'}}"),
            ConfigSchema = Json.Parse("""
                {'type': 'object', 'required': ['session', 'matching'], 'properties': {
                  'session': {'type': 'object', 'properties': {
                    'defaultDurationMinutes': {'type': 'integer', 'maximum': 120},
                    'recommendedFrequency': {'enum': ['weekly', 'biweekly']}}},
                  'matching': {'type': 'object'}}}
                """),
        };

        var error = TemplateDecisions.Create(command, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe(
            [("defaultConfig.matching", "required"), ("defaultConfig.session.defaultDurationMinutes", "maximum"),
             ("defaultConfig.session.recommendedFrequency", "enum")],
            ignoreOrder: true);
    }
}
