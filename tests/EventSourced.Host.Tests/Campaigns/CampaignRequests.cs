namespace EventSourced.Host.Tests.Campaigns;

/// <summary>Campaign request bodies as the runbook writes them ("Creating a Company Campaign").</summary>
internal static class CampaignRequests
{
    public const string Overrides45 = """{"session": {"defaultDurationMinutes": 45}}""";

    /// <param name="extra">More properties, each followed by a comma, e.g. <c>"budget": {...},</c>.</param>
    public static string Create(Guid programId, Guid companyId, string name = "Acme Corp Mentorship Campaign", int targetEnrollment = 100,
        int maxEnrollment = 150, string configOverrides = Overrides45, string extra = "") => $$"""
        {
          "programId": "{{programId}}",
          "companyId": "{{companyId}}",
          "name": "{{name}}",
          "targetEnrollment": {{targetEnrollment}},
          "maxEnrollment": {{maxEnrollment}},{{extra}}
          "configOverrides": {{configOverrides}}
        }
        """;
}
