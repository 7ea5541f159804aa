namespace EventSourced.Domain.Templates.Events;

/// <summary>A draft became active: programs may now be instantiated from it.</summary>
public sealed record TemplatePublished(Guid TemplateId, DateTimeOffset PublishedAt) : ITemplateEvent;
