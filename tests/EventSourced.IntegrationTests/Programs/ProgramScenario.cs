using System.Text.Json;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Templates.Commands;
using EventSourced.IntegrationTests.Templates;

namespace EventSourced.IntegrationTests.Programs;

/// <summary>The runbook's setup: an active template with a schema, a beneficiary group, an active program, campaigns.</summary>
internal static class ProgramScenario
{
    public const string Schema = """
        {"type": "object", "properties": {"session": {"type": "object", "properties": {
          "defaultDurationMinutes": {"type": "integer", "minimum": 15, "maximum": 180},
          "recommendedFrequency": {"enum": ["weekly", "biweekly"]}}}}}
        """;

    public const string Defaults = """{"session": {"defaultDurationMinutes": 60, "recommendedFrequency": "weekly"}}""";

    public static readonly Guid CompanyId = Guid.Parse("2f1e7a2c-0000-4000-8000-000000000001");

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static async Task<Guid> ActiveTemplateAsync(this MartenDatabase db, string key, string schema = Schema, string defaults = Defaults)
    {
        var id = await db.AcceptedAsync(TemplateCommands.Create(key, schema, defaults));
        await db.AcceptedAsync(new PublishTemplate(id, false));
        return id;
    }

    public static Task<Guid> GroupAsync(this MartenDatabase db) =>
        db.AcceptedAsync(new CreateBeneficiaryGroup("Syrian refugees", "Newcomers in Germany", "DE", ["refugees"]));

    public static CreateProgram Program(Guid templateId, Guid groupId, string name = "Mentorship for Syrian Refugees 2024",
        string overrides = """{"session": {"defaultDurationMinutes": 90}}""") =>
        new(templateId, name, groupId, Json(overrides), ["syrian", "mentorship", "2024"], [10, 4, 8]);

    public static async Task<Guid> ActiveProgramAsync(this MartenDatabase db, Guid templateId, string name)
    {
        var id = await db.AcceptedAsync(Program(templateId, await db.GroupAsync(), name));
        await db.AcceptedAsync(new ChangeProgramStatus(id, "active"));
        return id;
    }

    public static CreateCampaign Campaign(Guid programId, string overrides = """{"session": {"defaultDurationMinutes": 45}}""") =>
        new(programId, CompanyId, "Acme Corp Mentorship Campaign", 100, 150, new(25000.50m, "EUR"), new DateOnly(2026, 1, 1),
            new DateOnly(2026, 6, 30), Json(overrides));
}
