namespace EventSourced.Host.Tests.Programs;

/// <summary>Program request bodies as the runbook writes them ("Instantiating a Program").</summary>
internal static class ProgramRequests
{
    /// <summary>A schema with ranges, so overrides can break it: session length 15–120 minutes.</summary>
    public const string Schema = """
        {"type": "object", "properties": {"session": {"type": "object", "properties": {
          "defaultDurationMinutes": {"type": "integer", "minimum": 15, "maximum": 120},
          "recommendedFrequency": {"type": "string"}}}}}
        """;

    /// <summary>The same schema with a lower ceiling (100 minutes), for a second template version.</summary>
    public const string SchemaV2 = """
        {"type": "object", "properties": {"session": {"type": "object", "properties": {
          "defaultDurationMinutes": {"type": "integer", "minimum": 15, "maximum": 100},
          "recommendedFrequency": {"type": "string"}}}}}
        """;

    public const string Overrides90 = """{"session": {"defaultDurationMinutes": 90}}""";

    public static string Duration(int minutes) => $$$"""{"session": {"defaultDurationMinutes": {{{minutes}}}}}""";

    public static string Create(Guid templateId, Guid beneficiaryGroupId, string name, string configOverrides = Overrides90,
        string tags = """["syrian", "mentorship", "2024"]""", string sdgGoals = "[4, 8, 10]") => $$"""
        {
          "templateId": "{{templateId}}",
          "name": "{{name}}",
          "beneficiaryGroupId": "{{beneficiaryGroupId}}",
          "configOverrides": {{configOverrides}},
          "tags": {{tags}},
          "sdgGoals": {{sdgGoals}}
        }
        """;

    public static string Status(string status) => $$"""{"status": "{{status}}"}""";

    public static string Migrate(Guid templateId) => $$"""{"templateId": "{{templateId}}"}""";
}
