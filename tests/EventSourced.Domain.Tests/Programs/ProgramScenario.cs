using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Events;

namespace EventSourced.Domain.Tests.Programs;

/// <summary>Builders for program tests: templates in every status (folded from their events), groups, programs and campaigns.</summary>
internal static class ProgramScenario
{
    public static readonly DateTimeOffset Created = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public const string TemplateKey = "tech-mentorship";
    public const string ProgramName = "Mentorship for Syrian Refugees 2024";
    public const string ProgramKey = "mentorship-for-syrian-refugees-2024";

    public const string Defaults =
        "{'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'weekly'}, 'matching': {'maxMenteesPerMentor': 3}}";

    public const string Schema = """
        {'type': 'object', 'properties': {
          'session': {'type': 'object', 'properties': {
            'defaultDurationMinutes': {'type': 'integer', 'minimum': 15, 'maximum': 120},
            'recommendedFrequency': {'enum': ['weekly', 'biweekly']}}},
          'matching': {'type': 'object', 'properties': {
            'maxMenteesPerMentor': {'type': 'integer', 'maximum': 5}}}}}
        """;

    /// <summary>A template folded from its events: created, then published / deprecated / archived as the status asks.</summary>
    public static Template TemplateVersion(int version = 1, TemplateStatus status = TemplateStatus.Active, string key = TemplateKey,
        string defaults = Defaults, string schema = Schema)
    {
        var created = new TemplateCreated(Guid.NewGuid(), key, version, "Tech Worker Mentorship", null, "mentorship",
            Json.Parse(defaults), Json.Parse(schema), PreviousVersionId: null, Created);
        var id = created.TemplateId;
        object[] events = status switch
        {
            TemplateStatus.Draft => [created],
            TemplateStatus.Active => [created, new TemplatePublished(id, Created)],
            TemplateStatus.Deprecated => [created, new TemplatePublished(id, Created), new TemplateDeprecated(id, Guid.NewGuid(), Created)],
            _ => [created, new TemplateArchived(id, Created)],
        };
        var template = Template.Fold(events)!;
        template.Status.ShouldBe(status);
        return template;
    }

    public static BeneficiaryGroup Group() =>
        BeneficiaryGroup.From(new BeneficiaryGroupCreated(Guid.NewGuid(), "Syrian refugees in Germany", null, "DE", [], Created));

    public static CreateProgram ValidCreate(Template template, BeneficiaryGroup group, string? overrides = null) =>
        new(template.Id, ProgramName, group.Id, overrides is null ? null : Json.Parse(overrides), ["refugees", "tech"], [4, 8]);

    public static ProgramCreated CreatedEvent(Template template, string overrides = "{}") =>
        new(Guid.NewGuid(), ProgramKey, ProgramName, template.Id, template.TemplateKey, template.VersionNumber, template.Category,
            Guid.NewGuid(), template.DefaultConfig, Json.Parse(overrides), ["refugees"], [4], Created);

    public static ProgramState Given(params object[] events) =>
        events.Aggregate((ProgramState?)null, ProgramState.Evolve) ?? throw new InvalidOperationException("A program stream starts with ProgramCreated.");

    /// <summary>A program created from <paramref name="template"/> and moved along the lifecycle to <paramref name="status"/>.</summary>
    public static ProgramState Program(Template template, ProgramStatus status = ProgramStatus.Active, string overrides = "{}")
    {
        var created = CreatedEvent(template, overrides);
        var path = status switch
        {
            ProgramStatus.Draft => [],
            ProgramStatus.Active => [ProgramStatus.Active],
            ProgramStatus.Paused => [ProgramStatus.Active, ProgramStatus.Paused],
            ProgramStatus.Completed => [ProgramStatus.Active, ProgramStatus.Completed],
            _ => new[] { ProgramStatus.Archived },
        };
        var from = ProgramStatus.Draft;
        var events = new List<object> { created };
        foreach (var to in path)
        {
            events.Add(new ProgramStatusChanged(created.ProgramId, from, to, Created));
            from = to;
        }

        var program = Given([.. events]);
        program.Status.ShouldBe(status);
        return program;
    }

    /// <summary>A campaign of <paramref name="program"/>, built on the program's current template and overrides.</summary>
    public static CampaignState Campaign(ProgramState program, string overrides = "{}") =>
        CampaignState.From(new CampaignCreated(Guid.NewGuid(), program.Id, Guid.NewGuid(), "Acme Mentoring", 20, 25, null, null, null,
            program.TemplateId, program.TemplateVersion, program.TemplateDefaults, program.ConfigOverrides, Json.Parse(overrides), Created));

    public static IReadOnlyList<object> ShouldBeAccepted(this Decision decision)
    {
        decision.Error.ShouldBeNull();
        decision.IsAccepted.ShouldBeTrue();
        return decision.Events;
    }
}
