using EventSourced.Domain.Common;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Handlers.Commands;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Templates.TemplateCommands;

namespace EventSourced.IntegrationTests.Templates;

/// <summary>Races between writers are settled by the database: Marten's expected-version check and the read table's
/// unique index. Exactly one writer wins; the others get a conflict and leave nothing behind.</summary>
public sealed class ConcurrencyTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Two_simultaneous_publishes_of_one_draft_one_wins_and_the_other_conflicts()
    {
        var id = await db.AcceptedAsync(Create("race-publish"));
        var eventsBefore = await Sql.EventCountAsync(db.ConnectionString);

        // Both handlers read the draft and decide to publish before either commits.
        var results = await StreamLock.RaceAsync(db.ConnectionString, id, writers: 2, () => db.SendAsync(new PublishTemplate(id, false)));

        results.Count(r => r.IsAccepted).ShouldBe(1);
        var loser = results.Single(r => !r.IsAccepted).Error!;
        loser.Kind.ShouldBe(ErrorKind.Conflict);
        loser.Title.ShouldBe(SessionCommits.ConcurrentModification);
        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(eventsBefore + 1);
    }

    [Fact]
    public async Task A_library_caller_naming_a_stale_version_is_refused_and_one_naming_the_current_version_is_decided()
    {
        var id = await db.AcceptedAsync(Create("expected-version"));

        var stale = await db.SendAsync(new UpdateTemplate(id, "Renamed", null, null, null, null) { ExpectedVersion = 2 });
        stale.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.PreconditionFailed);
        stale.Error.Extensions["currentVersion"].ShouldBe(1L);

        var current = await db.SendAsync(new UpdateTemplate(id, "Renamed", null, null, null, null) { ExpectedVersion = 1 });
        current.IsAccepted.ShouldBeTrue(current.Error?.Detail);
        current.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Two_publishes_naming_the_same_version_race_and_the_loser_is_a_failed_precondition_not_a_conflict()
    {
        var id = await db.AcceptedAsync(Create("race-expected-version"));
        var eventsBefore = await Sql.EventCountAsync(db.ConnectionString);

        // Both fetch the draft at version 1 (it is there) and decide; the loser's commit fails Marten's check on that stream.
        var results = await StreamLock.RaceAsync(db.ConnectionString, id, writers: 2,
            () => db.SendAsync(new PublishTemplate(id, false) { ExpectedVersion = 1 }));

        results.Count(r => r.IsAccepted).ShouldBe(1);
        results.Single(r => r.IsAccepted).Version.ShouldBe(2);
        var loser = results.Single(r => !r.IsAccepted).Error!;
        loser.Kind.ShouldBe(ErrorKind.PreconditionFailed, loser.Detail);
        loser.Title.ShouldBe(DomainError.StreamMovedOn);
        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(eventsBefore + 1);
    }

    [Fact]
    public async Task Parallel_versions_of_one_template_never_share_a_version_number()
    {
        var v1 = await db.ActiveTemplateAsync("race-versions");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => db.SendAsync(new CreateTemplateVersion(v1))));

        results.Where(r => !r.IsAccepted).ShouldAllBe(r => r.Error!.Kind == ErrorKind.Conflict);
        var versions = (await Sql.QueryAsync(db.ConnectionString,
            "select version from program_templates where template_key = 'race-versions' order by version")).Select(r => (int)r["version"]!).ToList();
        versions.ShouldBe(Enumerable.Range(1, versions.Count).ToList());
        versions.Count.ShouldBe(1 + results.Count(r => r.IsAccepted));
        (await Sql.StreamsWithoutRowAsync(db.ConnectionString, "program_templates")).ShouldBe(0);
    }

    [Fact]
    public async Task Parallel_creates_of_one_key_create_exactly_one_template()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => db.SendAsync(Create("race-create"))));

        results.Count(r => r.IsAccepted).ShouldBe(1);
        results.Where(r => !r.IsAccepted).ShouldAllBe(r => r.Error!.Kind == ErrorKind.Conflict);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_templates where template_key = 'race-create'")).ShouldBe(1);
        (await Sql.StreamsWithoutRowAsync(db.ConnectionString, "program_templates")).ShouldBe(0);
    }
}
