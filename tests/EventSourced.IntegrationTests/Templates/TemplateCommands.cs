using System.Text.Json;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Projections.Commands;
using EventSourced.Projections.Templates;

namespace EventSourced.IntegrationTests.Templates;

/// <summary>Runs template commands through the real handlers, one session (one transaction) per command.</summary>
internal static class TemplateCommands
{
    public static CreateTemplate Create(string key, string schema = "{}", string defaults = """{"session":{"defaultDurationMinutes":60}}""") =>
        new(key, "Tech Worker Mentorship", "For tech workers", "mentorship", JsonDocument.Parse(defaults).RootElement.Clone(),
            JsonDocument.Parse(schema).RootElement.Clone());

    public static async Task<CommandResult> SendAsync(this MartenDatabase db, object command)
    {
        await using var session = db.Store.LightweightSession();
        return command switch
        {
            CreateTemplate c => await TemplateHandler.Handle(c, session, db.Clock, default),
            UpdateTemplate c => await TemplateHandler.Handle(c, session, db.Clock, default),
            PublishTemplate c => await TemplateHandler.Handle(c, session, db.Clock, default),
            CreateTemplateVersion c => await TemplateHandler.Handle(c, session, db.Clock, default),
            ArchiveTemplate c => await TemplateHandler.Handle(c, session, db.Clock, default),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a template command"),
        };
    }

    public static async Task<Guid> AcceptedAsync(this MartenDatabase db, object command)
    {
        var result = await db.SendAsync(command);
        result.Error.ShouldBeNull();
        return result.StreamId;
    }

    public static async Task<Guid> ActiveTemplateAsync(this MartenDatabase db, string key)
    {
        var id = await db.AcceptedAsync(Create(key));
        await db.AcceptedAsync(new PublishTemplate(id, false));
        return id;
    }
}
