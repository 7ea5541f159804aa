namespace EventSourced.Host.Tests.Templates;

/// <summary>Request bodies as the runbook writes them.</summary>
internal static class TemplateRequests
{
    public static string Create(string key, string configSchema = "{}",
        string defaultConfig = """{"session": {"defaultDurationMinutes": 60, "recommendedFrequency": "weekly"}}""",
        string category = "mentorship") => $$"""
        {
          "templateKey": "{{key}}",
          "name": "Tech Worker Mentorship",
          "category": "{{category}}",
          "defaultConfig": {{defaultConfig}},
          "configSchema": {{configSchema}}
        }
        """;

    public const string PublishKeepingPrevious = """{"deprecatePrevious": false}""";

    public const string PublishDeprecatingPrevious = """{"deprecatePrevious": true}""";
}
