using System.Diagnostics;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Common;
using EventSourced.Domain.Json;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Templates.TemplateScenario;

namespace EventSourced.Domain.Tests.Hostile;

/// <summary>
/// Configuration documents and schemas written to hurt (issue 14): catastrophic regular expressions, references that never
/// resolve, ambiguous and unstorable JSON. Each is refused as a validation error naming the path, quickly, never a hang nor an
/// exception.
/// </summary>
public class HostileConfigurations
{
    private static readonly Guid NewId = Guid.NewGuid();

    /// <summary>Forty a's and a '!' against (a+)+: about 2^40 backtracking steps without a bound.</summary>
    private static readonly string Evil = new string('a', 40) + "!";

    private const string EvilPattern = "^(a+)+$";

    /// <summary>Tells an answer from a hang (the unbounded cases run for days), with room for a busy CI machine.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    [Fact]
    public void GivenACatastrophicPatternAndADefaultThatTriggersIt_WhenCreated_ThenAValidationErrorNamesThePatternAndPath()
    {
        var command = ValidCreate() with
        {
            DefaultConfig = Json.Parse($"{{'code': '{Evil}'}}"),
            ConfigSchema = Json.Parse($"{{'properties': {{'code': {{'type': 'string', 'pattern': '{EvilPattern}'}}}}}}"),
        };

        var error = Timed(() => TemplateDecisions.Create(command, NewId, null, Now)).ShouldBeRejected(ErrorKind.Invalid);

        var field = error.Errors.ShouldHaveSingleItem();
        field.Path.ShouldBe("defaultConfig.code");
        field.Rule.ShouldBe("pattern");
        field.Message.ShouldContain(EvilPattern);
    }

    [Fact]
    public void GivenACatastrophicPatternPropertiesKey_WhenADefaultKeyTriggersIt_ThenTheErrorNamesTheKeyAndThePattern()
    {
        var command = ValidCreate() with
        {
            DefaultConfig = Json.Parse($"{{'{Evil}': 1}}"),
            ConfigSchema = Json.Parse($"{{'patternProperties': {{'{EvilPattern}': {{'type': 'integer'}}}}}}"),
        };

        var error = Timed(() => TemplateDecisions.Create(command, NewId, null, Now)).ShouldBeRejected(ErrorKind.Invalid);

        var field = error.Errors.ShouldHaveSingleItem();
        field.Path.ShouldBe($"defaultConfig.{Evil}");
        field.Message.ShouldContain(EvilPattern);
        field.Message.ShouldContain("property name");
    }

    [Fact]
    public void GivenAPublishedTemplateWithACatastrophicPatternAndAHarmlessDefault_WhenAProgramOverridesWithATrigger_ThenItIsRefusedQuickly()
    {
        var template = Programs.ProgramScenario.TemplateVersion(defaults: "{'code': 'aaa'}",
            schema: $"{{'properties': {{'code': {{'type': 'string', 'pattern': '{EvilPattern}'}}}}}}");
        var group = Programs.ProgramScenario.Group();
        var command = Programs.ProgramScenario.ValidCreate(template, group, overrides: $"{{'code': '{Evil}'}}");

        var error = Timed(() => ProgramDecisions.Create(command, NewId, template, group, new HashSet<string>(), Now)).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("config.code");
        error.Errors[0].Message.ShouldContain(EvilPattern);
    }

    [Fact]
    public void GivenACatastrophicPattern_WhenACampaignUpdateOverridesWithATrigger_ThenItIsRefusedQuickly()
    {
        var template = Programs.ProgramScenario.TemplateVersion(defaults: "{'code': 'aaa'}",
            schema: $"{{'properties': {{'code': {{'type': 'string', 'pattern': '{EvilPattern}'}}}}}}");
        var campaign = Programs.ProgramScenario.Campaign(Programs.ProgramScenario.Program(template));
        var command = new UpdateCampaign(Guid.NewGuid(), null, null, null, null, null, null, Json.Parse($"{{'code': '{Evil}'}}"));

        var error = Timed(() => CampaignDecisions.Update(campaign, command, template, Now)).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Message.ShouldContain(EvilPattern);
    }

    [Fact]
    public void GivenManyValuesEachJustUnderThePatternTimeout_WhenValidated_ThenTheWholeValidationStopsAtItsBudget()
    {
        // 22 characters: each match alone takes a fraction of the pattern timeout (2^21 steps), two hundred of them exceed the matching time.
        var values = string.Join(", ", Enumerable.Range(0, 200).Select(i => $"'{new string('a', 21)}!'"));
        var command = ValidCreate() with
        {
            DefaultConfig = Json.Parse($"{{'codes': [{values}]}}"),
            ConfigSchema = Json.Parse($"{{'properties': {{'codes': {{'type': 'array', 'items': {{'type': 'string', 'pattern': '{EvilPattern}'}}}}}}}}"),
        };

        var error = Timed(() => TemplateDecisions.Create(command, NewId, null, Now), limit: Quickly).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Rule.ShouldBeOneOf("budget", "pattern");
    }

    [Fact]
    public void GivenCombinatorsThatMultiplyTheWork_WhenValidated_ThenTheVisitBudgetStopsItWithAnError()
    {
        // Thirty levels of anyOf with two branches each: 2^30 checks of one value without a bound.
        var definitions = string.Join(", ", Enumerable.Range(0, 30).Select(i =>
            $"'d{i}': {{'anyOf': [{{'$ref': '#/definitions/d{i + 1}'}}, {{'$ref': '#/definitions/d{i + 1}'}}]}}"));
        var schema = $"{{'definitions': {{{definitions}, 'd30': {{'type': 'integer'}}}}, 'properties': {{'x': {{'$ref': '#/definitions/d0'}}}}}}";
        var command = ValidCreate() with { DefaultConfig = Json.Parse("{'x': 'not a number'}"), ConfigSchema = Json.Parse(schema) };

        var field = Timed(() => TemplateDecisions.Create(command, NewId, null, Now)).ShouldBeRejected(ErrorKind.Invalid).Errors.ShouldHaveSingleItem();

        field.Rule.ShouldBe("budget");
        field.Path.ShouldStartWith("defaultConfig");
    }

    [Theory]
    [InlineData("{'$ref': '#'}")]
    [InlineData("{'definitions': {'a': {'$ref': '#/definitions/b'}, 'b': {'$ref': '#/definitions/a'}}, 'properties': {'x': {'$ref': '#/definitions/a'}}}")]
    [InlineData("{'allOf': [{'$ref': '#'}]}")]
    [InlineData("{'anyOf': [{'$ref': '#'}, {'type': 'string'}]}")]
    [InlineData("{'not': {'$ref': '#'}}")]
    public void GivenASchemaWhoseReferencesNeverReachASchema_WhenCreated_ThenItIsRefusedNotThrown(string schema)
    {
        var command = ValidCreate() with { DefaultConfig = Json.Parse("{'x': 1}"), ConfigSchema = Json.Parse(schema) };

        var error = Timed(() => TemplateDecisions.Create(command, NewId, null, Now)).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldNotBeEmpty();
        error.Errors.ShouldAllBe(e => e.Path.StartsWith("configSchema") || e.Path.StartsWith("defaultConfig"));
    }

    [Fact]
    public void GivenARecursiveSchemaThatConsumesData_WhenCreated_ThenNestedDefaultsAreValidated()
    {
        var schema = "{'type': 'object', 'properties': {'name': {'type': 'string'}, 'child': {'$ref': '#'}}}";
        var valid = ValidCreate() with { DefaultConfig = Json.Parse("{'name': 'a', 'child': {'name': 'b', 'child': {'name': 'c'}}}"), ConfigSchema = Json.Parse(schema) };
        var invalid = valid with { DefaultConfig = Json.Parse("{'name': 'a', 'child': {'child': {'name': 7}}}") };

        TemplateDecisions.Create(valid, NewId, null, Now).ShouldEmitSingle<Domain.Templates.Events.TemplateCreated>();
        TemplateDecisions.Create(invalid, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid)
            .Errors.ShouldHaveSingleItem().Path.ShouldBe("defaultConfig.child.child.name");
    }

    [Theory]
    [InlineData("{'x': 1, 'x': {'y': 2}}", "configOverrides.x")]
    [InlineData("{'a': {'b': 1, 'b': 2}}", "configOverrides.a.b")]
    [InlineData("{'list': [{'k': 1, 'k': 1}]}", "configOverrides.list[0].k")]
    public void GivenDuplicateKeysInProgramOverrides_WhenCreated_ThenTheDuplicateIsNamedAndNothingIsMerged(string overrides, string path)
    {
        var template = Programs.ProgramScenario.TemplateVersion();
        var group = Programs.ProgramScenario.Group();

        var error = ProgramDecisions.Create(Programs.ProgramScenario.ValidCreate(template, group, overrides), NewId, template, group,
            new HashSet<string>(), Now).ShouldBeRejected(ErrorKind.Invalid);

        var field = error.Errors.ShouldHaveSingleItem();
        field.Path.ShouldBe(path);
        field.Rule.ShouldBe("uniqueKeys");
    }

    [Fact]
    public void GivenDuplicateKeysInCampaignOverrides_WhenCreatedOrUpdated_ThenTheyAreRefused()
    {
        var template = Programs.ProgramScenario.TemplateVersion();
        var program = Programs.ProgramScenario.Program(template);
        var overrides = Json.Parse("{'session': 1, 'session': {'defaultDurationMinutes': 30}}");
        var create = new CreateCampaign(program.Id, Guid.NewGuid(), "Acme", 10, 20, null, null, null, overrides);

        CampaignDecisions.Create(create, NewId, program, template, Now).ShouldBeRejected(ErrorKind.Invalid)
            .Errors.ShouldContain(e => e.Path == "configOverrides.session" && e.Rule == "uniqueKeys");
        CampaignDecisions.Update(Programs.ProgramScenario.Campaign(program), new UpdateCampaign(Guid.NewGuid(), null, null, null, null, null, null, overrides), template, Now)
            .ShouldBeRejected(ErrorKind.Invalid).Errors.ShouldContain(e => e.Path == "configOverrides.session" && e.Rule == "uniqueKeys");
    }

    [Theory]
    [InlineData("1e1000000")]
    [InlineData("-1e1000000")]
    [InlineData("1e-1000000")]
    [InlineData("1e309")]
    [InlineData("1e131071")]
    [InlineData("1.00000000000000000000000000000000000000000000000000000000000000000000000001")]
    public void GivenANumberPostgreSqlCannotStore_WhenInDefaultsOrSchemaOrOverrides_ThenItIsRefusedWithItsPath(string number)
    {
        var inDefaults = ValidCreate() with { DefaultConfig = Json.Parse($"{{'limits': {{'max': {number}}}}}"), ConfigSchema = Json.Empty };
        var inSchema = ValidCreate() with { DefaultConfig = Json.Empty, ConfigSchema = Json.Parse($"{{'maximum': {number}}}") };
        var template = Programs.ProgramScenario.TemplateVersion();
        var group = Programs.ProgramScenario.Group();

        TemplateDecisions.Create(inDefaults, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid)
            .Errors.ShouldHaveSingleItem().Path.ShouldBe("defaultConfig.limits.max");
        TemplateDecisions.Create(inSchema, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid)
            .Errors.ShouldHaveSingleItem().Path.ShouldBe("configSchema.maximum");
        ProgramDecisions.Create(Programs.ProgramScenario.ValidCreate(template, group, $"{{'n': [{number}]}}"), NewId, template, group, new HashSet<string>(), Now)
            .ShouldBeRejected(ErrorKind.Invalid).Errors.ShouldHaveSingleItem().Path.ShouldBe("configOverrides.n[0]");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.0")]
    [InlineData("0e-1000000")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("5e-324")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.1")]
    public void GivenANumberWithinTheRule_WhenInDefaults_ThenItIsAccepted(string number)
    {
        var command = ValidCreate() with { DefaultConfig = Json.Parse($"{{'n': {number}}}"), ConfigSchema = Json.Empty };

        TemplateDecisions.Create(command, NewId, null, Now).ShouldEmitSingle<Domain.Templates.Events.TemplateCreated>();
    }

    [Fact]
    public void GivenADocumentOverItsSizeLimit_WhenCreated_ThenTheFieldIsNamedWithTheLimit()
    {
        var big = new string('x', ConfigDocumentRules.MaxBytes);
        var command = ValidCreate() with { DefaultConfig = Json.Parse($"{{'note': '{big}'}}"), ConfigSchema = Json.Empty };

        var field = TemplateDecisions.Create(command, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid).Errors.ShouldHaveSingleItem();

        field.Path.ShouldBe("defaultConfig");
        field.Message.ShouldContain(ConfigDocumentRules.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{'a': 'x\\u0000y'}", "defaultConfig.a")]
    [InlineData("{'a\\u0000': 1}", "defaultConfig.a\0")]
    [InlineData("{'a': ['ok', '\\ud800']}", "defaultConfig.a[1]")]
    public void GivenTextPostgreSqlCannotStore_WhenInDefaults_ThenItIsRefusedWithItsPath(string defaults, string path)
    {
        var command = ValidCreate() with { DefaultConfig = Json.Parse(defaults), ConfigSchema = Json.Empty };

        TemplateDecisions.Create(command, NewId, null, Now).ShouldBeRejected(ErrorKind.Invalid).Errors.ShouldHaveSingleItem().Path.ShouldBe(path);
    }

    [Theory]
    [InlineData("email", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@a")]
    [InlineData("hostname", "a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-!")]
    [InlineData("date-time", "2026-11-20T10:00:00.0000000000000000000000000000000000000000000000000000000000000000000000Q")]
    public void GivenAFormatAndAHostileValue_WhenValidated_ThenTheAnswerIsQuickAndAFormatError(string format, string value)
    {
        var long_ = value.Replace("aaaa", string.Concat(Enumerable.Repeat("aaaa", 100)), StringComparison.Ordinal);
        var command = ValidCreate() with
        {
            DefaultConfig = Json.Parse($"{{'v': '{long_}'}}"),
            ConfigSchema = Json.Parse($"{{'properties': {{'v': {{'type': 'string', 'format': '{format}'}}}}}}"),
        };

        var field = Timed(() => TemplateDecisions.Create(command, NewId, null, Now)).ShouldBeRejected(ErrorKind.Invalid).Errors.ShouldHaveSingleItem();

        field.Path.ShouldBe("defaultConfig.v");
        field.Rule.ShouldBe("format");
    }

    private static Decision Timed(Func<Decision> decide, TimeSpan? limit = null)
    {
        // Not a performance assertion: without the bounds these decisions never return (2^40 steps), with them they return in
        // about the pattern timeout. The limit only tells a hang from an answer.
        var watch = Stopwatch.StartNew();
        var decision = decide();
        watch.Elapsed.ShouldBeLessThan(limit ?? Quickly);
        return decision;
    }
}
