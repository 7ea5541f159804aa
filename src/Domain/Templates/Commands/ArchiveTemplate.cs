namespace EventSourced.Domain.Templates.Commands;

/// <summary>Retires a template from any status but archived.</summary>
public sealed record ArchiveTemplate(Guid TemplateId);
