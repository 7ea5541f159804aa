using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EventSourced.Host.OpenApi;

/// <summary>
/// The <c>&lt;summary&gt;</c> comments of the endpoint methods, read from the XML documentation file the build writes next
/// to the assembly (<c>GenerateDocumentationFile</c>); none when that file is absent.
/// </summary>
internal static partial class EndpointDocumentation
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Summaries = new(Load);

    /// <summary>The summary of an endpoint method, on one line; each endpoint class has one method per name, so the name
    /// identifies it without spelling out the parameter list.</summary>
    public static string? SummaryOf(MethodInfo method) =>
        method.DeclaringType?.FullName is { } type && Summaries.Value.TryGetValue($"M:{type}.{method.Name}", out var summary) ? summary : null;

    private static Dictionary<string, string> Load()
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = Path.ChangeExtension(typeof(EndpointDocumentation).Assembly.Location, ".xml");
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            return summaries;
        }

        foreach (var member in XDocument.Load(file).Descendants("member"))
        {
            var name = (string?)member.Attribute("name");
            var summary = member.Element("summary")?.Value;
            if (name is null || !name.StartsWith("M:", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(summary))
            {
                continue;
            }

            var parameters = name.IndexOf('(', StringComparison.Ordinal);
            summaries[parameters < 0 ? name : name[..parameters]] = Whitespace().Replace(summary, " ").Trim();
        }

        return summaries;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
