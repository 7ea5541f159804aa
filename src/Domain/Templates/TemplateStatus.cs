namespace EventSourced.Domain.Templates;

/// <summary>A template's lifecycle: draft → active → deprecated; any of them → archived.</summary>
public enum TemplateStatus
{
    Draft,
    Active,
    Deprecated,
    Archived,
}
