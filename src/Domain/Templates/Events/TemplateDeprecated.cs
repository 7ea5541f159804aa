namespace EventSourced.Domain.Templates.Events;

/// <summary>An active version was superseded by <see cref="DeprecatedBy"/>; programs pinned to it keep working.</summary>
public sealed record TemplateDeprecated(Guid TemplateId, Guid DeprecatedBy, DateTimeOffset DeprecatedAt) : ITemplateEvent;
