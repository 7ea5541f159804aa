namespace EventSourced.Domain.Templates.Events;

/// <summary>The template is retired for good: it can no longer be published, versioned or edited.</summary>
public sealed record TemplateArchived(Guid TemplateId, DateTimeOffset ArchivedAt) : ITemplateEvent;
