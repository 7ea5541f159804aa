namespace EventSourced.Domain.Templates.Commands;

/// <summary>Starts the next version of an active or deprecated template as a new draft, copying its content.</summary>
public sealed record CreateTemplateVersion(Guid SourceTemplateId);
