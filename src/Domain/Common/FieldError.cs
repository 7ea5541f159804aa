namespace EventSourced.Domain.Common;

/// <summary>
/// One offending input: <paramref name="Path"/> names the field or JSON path (e.g. <c>defaultConfig.session.duration</c>),
/// <paramref name="Rule"/> the rule it broke (a FluentValidation rule or a JSON Schema keyword such as <c>maximum</c>).
/// </summary>
public sealed record FieldError(string Path, string Message, string? Rule = null);
