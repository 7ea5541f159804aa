using EventSourced.Domain.Templates.Commands;
using EventSourced.Handlers.Commands;
using EventSourced.Handlers.Templates;
using EventSourced.Projections.Templates;
using static EventSourced.IntegrationTests.Templates.TemplateCommands;

namespace EventSourced.IntegrationTests.Templates;

/// <summary>The answer to a write is the read row as that write committed it, whatever commits after it.</summary>
public sealed class ReadAtCommitTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task A_view_read_at_commit_is_the_writers_own_row_even_when_another_writer_commits_right_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await db.AcceptedAsync(Create("read-at-commit"));

        await using var session = db.Session();
        var view = ReadAtCommit<TemplateView>.Register(session, (query, token) => query.FindTemplateAsync(id, token));
        (await session.CommitAsync(await TemplateHandler.Handle(Rename(id, "First writer"), session, db.Clock, ct), ct)).Error.ShouldBeNull();
        await db.AcceptedAsync(Rename(id, "Second writer"));

        view.HasRead.ShouldBeTrue();
        (await view.ResultAsync(ct))!.Name.ShouldBe("First writer");
        await using var query = db.Store.QuerySession();
        (await query.FindTemplateAsync(id, ct))!.Name.ShouldBe("Second writer");
    }

    [Fact]
    public async Task A_refused_command_saves_nothing_so_the_view_is_read_as_it_is_now()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await db.AcceptedAsync(Create("read-at-commit-refused"));
        await db.AcceptedAsync(new ArchiveTemplate(id));

        await using var session = db.Session();
        var view = ReadAtCommit<TemplateView>.Register(session, (query, token) => query.FindTemplateAsync(id, token));
        var result = await session.CommitAsync(await TemplateHandler.Handle(Rename(id, "Too late"), session, db.Clock, ct), ct);

        result.IsAccepted.ShouldBeFalse();
        view.HasRead.ShouldBeFalse();
        var current = (await view.ResultAsync(ct)).ShouldNotBeNull();
        current.Name.ShouldBe("Tech Worker Mentorship");
        current.Status.ShouldBe("archived");
    }

    private static UpdateTemplate Rename(Guid id, string name) => new(id, name, null, null, null, null);
}
