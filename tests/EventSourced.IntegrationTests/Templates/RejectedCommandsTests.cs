using EventSourced.Domain.Common;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Templates.TemplateCommands;

namespace EventSourced.IntegrationTests.Templates;

/// <summary>A refused command leaves no trace: no event in mt_events, no change in program_templates.</summary>
public sealed class RejectedCommandsTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public Task Invalid_create_appends_nothing() =>
        ShouldAppendNothing(() => db.SendAsync(Create("Not A Slug", schema: """{"type":"banana"}""")), ErrorKind.Invalid);

    [Fact]
    public Task Defaults_violating_the_schema_append_nothing() =>
        ShouldAppendNothing(() => db.SendAsync(Create("rejected-defaults",
            schema: """{"properties":{"session":{"properties":{"defaultDurationMinutes":{"maximum":30}}}}}""")), ErrorKind.Invalid);

    [Fact]
    public async Task Duplicate_key_appends_nothing()
    {
        await db.AcceptedAsync(Create("rejected-duplicate"));

        await ShouldAppendNothing(() => db.SendAsync(Create("rejected-duplicate")), ErrorKind.Conflict);
    }

    [Fact]
    public async Task Publishing_an_active_template_appends_nothing()
    {
        var id = await db.ActiveTemplateAsync("rejected-publish");

        var error = await ShouldAppendNothing(() => db.SendAsync(new PublishTemplate(id, true)), ErrorKind.Invalid);

        error.Title.ShouldBe("Only draft templates can be published");
    }

    [Fact]
    public async Task Updating_an_active_template_appends_nothing()
    {
        var id = await db.ActiveTemplateAsync("rejected-update");

        await ShouldAppendNothing(() => db.SendAsync(new UpdateTemplate(id, "New name", null, null, null, null)), ErrorKind.Invalid);
    }

    [Fact]
    public async Task Versioning_a_draft_appends_nothing()
    {
        var id = await db.AcceptedAsync(Create("rejected-version"));

        await ShouldAppendNothing(() => db.SendAsync(new CreateTemplateVersion(id)), ErrorKind.Invalid);
    }

    [Fact]
    public async Task Archiving_twice_appends_nothing()
    {
        var id = await db.AcceptedAsync(Create("rejected-archive"));
        await db.AcceptedAsync(new ArchiveTemplate(id));

        await ShouldAppendNothing(() => db.SendAsync(new ArchiveTemplate(id)), ErrorKind.Conflict);
    }

    [Fact]
    public async Task Commands_on_an_unknown_template_append_nothing_and_create_no_stream()
    {
        var unknown = Guid.NewGuid();

        await ShouldAppendNothing(() => db.SendAsync(new PublishTemplate(unknown, false)), ErrorKind.NotFound);
        await ShouldAppendNothing(() => db.SendAsync(new UpdateTemplate(unknown, "x", null, null, null, null)), ErrorKind.NotFound);
        await ShouldAppendNothing(() => db.SendAsync(new ArchiveTemplate(unknown)), ErrorKind.NotFound);
        await ShouldAppendNothing(() => db.SendAsync(new CreateTemplateVersion(unknown)), ErrorKind.NotFound);
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from mt_streams where id = '{unknown}'")).ShouldBe(0);
    }

    private async Task<DomainError> ShouldAppendNothing(Func<Task<EventSourced.Handlers.Commands.CommandResult>> send, ErrorKind kind)
    {
        var eventsBefore = await Sql.EventCountAsync(db.ConnectionString);
        var tableBefore = await Sql.TableSnapshotAsync(db.ConnectionString, "program_templates");

        var result = await send();

        result.Error.ShouldNotBeNull().Kind.ShouldBe(kind);
        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(eventsBefore);
        (await Sql.TableSnapshotAsync(db.ConnectionString, "program_templates")).ShouldBe(tableBefore);
        return result.Error;
    }
}
