using System.Net;
using System.Text.Json;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Replay;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Audit;

/// <summary>
/// Issue 19 §2, events that evolve: <c>program_status_changed</c> gained a reason in v2. A store written with v1 events
/// (before the change) rebuilds, checks clean, folds for new commands and answers the API exactly as before, through
/// Marten's upcaster; the stored v1 events are never rewritten.
/// </summary>
public sealed class EventVersioningTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_store_written_with_v1_status_changes_rebuilds_checks_clean_and_answers_as_before()
    {
        var program = await fixture.ActiveProgramAsync("versioning-v1");
        (await fixture.Host.PutAsync($"/programs/{program.Id}/status", """{"status": "paused"}""")).Status.ShouldBe(HttpStatusCode.OK);
        // What a store written before v2 holds: the same events under the old name, without the field.
        await Sql.ExecuteAsync(fixture.ConnectionString,
            "update mt_events set type = 'program_status_changed.v1', data = data - 'reason' " +
            $"where stream_id = '{program.Id}' and type = 'program_status_changed.v2'");
        (await Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from mt_events where stream_id = '{program.Id}' and type = 'program_status_changed.v1' and not data ? 'reason'")).ShouldBe(2);
        var answerBefore = await GetAsync($"/programs/{program.Id}");
        var tableBefore = await Sql.TableSnapshotAsync(fixture.ConnectionString, "programs");

        var rebuilt = await ReadTableRebuild.RunAsync(fixture.Store, new RebuildOptions { Verify = true },
            cancellation: TestContext.Current.CancellationToken);

        rebuilt.ShouldAllBe(r => r.Switched && r.UnappliedEventCount == 0 && r.VerifyDifferences == 0);
        (await Sql.TableSnapshotAsync(fixture.ConnectionString, "programs")).ShouldBe(tableBefore);
        (await GetAsync($"/programs/{program.Id}")).ShouldBe(answerBefore);
        var integrity = JsonDocument.Parse(await GetAsync("/admin/integrity")).RootElement;
        integrity.GetProperty("isClean").GetBoolean().ShouldBeTrue(integrity.ToString());

        // The write side folds the v1 events too: paused → active is decided on them, and stored as v2.
        var resumed = await fixture.Host.PutAsync($"/programs/{program.Id}/status", """{"status": "active", "reason": "Contract renewed"}""");
        resumed.Status.ShouldBe(HttpStatusCode.OK, resumed.Body);
        var history = JsonDocument.Parse(await GetAsync($"/programs/{program.Id}/history")).RootElement.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("type").GetString(), e.GetProperty("summary").GetString())).ToArray();
        history.Skip(1).ShouldBe([
            ("program_status_changed.v1", "Program status changed from draft to active"),
            ("program_status_changed.v1", "Program status changed from active to paused"),
            ("program_status_changed.v2", "Program status changed from paused to active: Contract renewed"),
        ]);
    }

    [Fact]
    public async Task A_reason_longer_than_500_characters_is_refused_naming_the_field()
    {
        var program = await fixture.ActiveProgramAsync("versioning-reason");

        var response = await fixture.Host.PutAsync($"/programs/{program.Id}/status", $$"""{"status": "paused", "reason": "{{new string('x', 501)}}"}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Errors!.Keys.ShouldBe(["reason"]);
    }

    private async Task<string> GetAsync(string path)
    {
        var response = await fixture.Host.GetAsync(path);
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return response.Body;
    }
}
