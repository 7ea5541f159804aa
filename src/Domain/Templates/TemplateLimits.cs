namespace EventSourced.Domain.Templates;

/// <summary>Sizes the read table and the API promise to accept.</summary>
public static class TemplateLimits
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
}
