using EventSourced.Domain.Common;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Domain.Templates.Events;

namespace EventSourced.Domain.Tests.Templates;

/// <summary>Builders for given/when/then tests: the events a template stream starts from.</summary>
internal static class TemplateScenario
{
    public static readonly DateTimeOffset Created = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static CreateTemplate ValidCreate(string key = "mentorship-tech-workers") => new(
        key,
        "Tech Worker Mentorship",
        Description: null,
        "mentorship",
        Json.Parse("{'session': {'defaultDurationMinutes': 60, 'recommendedFrequency': 'weekly'}}"),
        Json.Empty);

    public static TemplateCreated CreatedEvent(Guid? id = null, int version = 1, string key = "mentorship-tech-workers", string? schema = null) => new(
        id ?? Guid.NewGuid(), key, version, "Tech Worker Mentorship", null, "mentorship",
        Json.Parse("{'session': {'defaultDurationMinutes': 60}}"),
        Json.Parse(schema ?? "{}"), PreviousVersionId: null, Created);

    public static Template Given(params object[] events) =>
        Template.Fold(events) ?? throw new InvalidOperationException("A template stream starts with TemplateCreated.");

    public static Template Draft(Guid? id = null, int version = 1, string? schema = null) => Given(CreatedEvent(id, version, schema: schema));

    public static Template Active(Guid? id = null, int version = 1)
    {
        var created = CreatedEvent(id, version);
        return Given(created, new TemplatePublished(created.TemplateId, Created));
    }

    public static Template WithStatus(TemplateStatus status)
    {
        var created = CreatedEvent();
        var id = created.TemplateId;
        return status switch
        {
            TemplateStatus.Draft => Given(created),
            TemplateStatus.Active => Given(created, new TemplatePublished(id, Created)),
            TemplateStatus.Deprecated => Given(created, new TemplatePublished(id, Created), new TemplateDeprecated(id, Guid.NewGuid(), Created)),
            _ => Given(created, new TemplateArchived(id, Created)),
        };
    }

    public static T ShouldEmitSingle<T>(this Decision decision)
    {
        decision.Error.ShouldBeNull();
        return decision.Events.ShouldHaveSingleItem().ShouldBeOfType<T>();
    }

    public static DomainError ShouldBeRejected(this Decision decision, ErrorKind kind)
    {
        decision.IsAccepted.ShouldBeFalse();
        decision.Events.ShouldBeEmpty();
        decision.Error!.Kind.ShouldBe(kind);
        return decision.Error;
    }
}
