namespace EventSourced.Domain.Common;

/// <summary>Field paths as a JSON client sees them: <c>DefaultConfig.Session</c> becomes <c>defaultConfig.session</c>.</summary>
public static class JsonPath
{
    public static string CamelCase(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    public static string Combine(string parent, string child) =>
        child.Length == 0 ? parent : child.StartsWith('[') ? parent + child : $"{parent}.{child}";
}
