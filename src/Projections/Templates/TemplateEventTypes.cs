using EventSourced.Domain.Templates.Events;
using Marten;

namespace EventSourced.Projections.Templates;

/// <summary>
/// The stored names of template events. They are part of the storage format: never change one, add a new event
/// type instead. Renaming a C# class is safe because streams refer to these names, not to the class.
/// </summary>
internal static class TemplateEventTypes
{
    public static void Register(StoreOptions options)
    {
        options.Events.MapEventType<TemplateCreated>("template_created.v1");
        options.Events.MapEventType<TemplateUpdated>("template_updated.v1");
        options.Events.MapEventType<TemplatePublished>("template_published.v1");
        options.Events.MapEventType<TemplateDeprecated>("template_deprecated.v1");
        options.Events.MapEventType<TemplateArchived>("template_archived.v1");
    }
}
