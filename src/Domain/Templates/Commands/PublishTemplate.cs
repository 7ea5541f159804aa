namespace EventSourced.Domain.Templates.Commands;

/// <summary>
/// Makes a draft active. With <see cref="DeprecatePrevious"/>, every older active version of the same key
/// becomes deprecated, pointing at this one.
/// </summary>
public sealed record PublishTemplate(Guid TemplateId, bool DeprecatePrevious);
