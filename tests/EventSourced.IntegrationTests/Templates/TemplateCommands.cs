using System.Text.Json;
using EventSourced.Domain.Templates.Commands;

namespace EventSourced.IntegrationTests.Templates;

/// <summary>Template commands as the tests use them.</summary>
internal static class TemplateCommands
{
    public static CreateTemplate Create(string key, string schema = "{}", string defaults = """{"session":{"defaultDurationMinutes":60}}""") =>
        new(key, "Tech Worker Mentorship", "For tech workers", "mentorship", JsonDocument.Parse(defaults).RootElement.Clone(),
            JsonDocument.Parse(schema).RootElement.Clone());

    public static async Task<Guid> ActiveTemplateAsync(this MartenDatabase db, string key)
    {
        var id = await db.AcceptedAsync(Create(key));
        await db.AcceptedAsync(new PublishTemplate(id, false));
        return id;
    }
}
