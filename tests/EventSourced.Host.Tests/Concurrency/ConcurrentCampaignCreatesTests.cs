using System.Net;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Concurrency;

/// <summary>
/// Issue 20 §2: 32 campaigns created at once for one program, half on each of two host processes, with a migration of the
/// program to a new template version racing them: every create is 201 (they queue on the program's lock instead of
/// colliding on its stream; before, 24 at once on one node refused 10 with 409), and no campaign ends on another template
/// version than its program's.
/// </summary>
public sealed class ConcurrentCampaignCreatesTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    private const int Creates = 32;

    [Fact]
    public async Task Thirty_two_creates_on_one_program_across_two_nodes_all_succeed_and_stay_on_the_program_s_version()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var pair = await NodePair.StartAsync(db.ConnectionString, cancellation);
        var (first, second, nodes) = (pair.First, pair.Second, pair.Nodes);
        await pair.RunAsync(async () =>
        {
            var (template, program) = await NodeSeed.ActiveProgramAsync(first, second, "concurrent-creates", cancellation);
            var next = (await second.ExpectAsync(HttpMethod.Post, $"/templates/{template}/versions", null, HttpStatusCode.Created, cancellation)).Id;
            await first.ExpectAsync(HttpMethod.Post, $"/templates/{next}/publish", """{"deprecatePrevious": false}""", HttpStatusCode.OK, cancellation);

            using var start = new SemaphoreSlim(0);
            var creates = Enumerable.Range(0, Creates).Select(async k =>
            {
                await start.WaitAsync(cancellation);
                return await nodes[k % 2].SendAsync(HttpMethod.Post, "/campaigns",
                    $$"""{"programId": "{{program}}", "companyId": "{{Guid.NewGuid()}}", "name": "Campaign {{k}}", "targetEnrollment": 5, "maxEnrollment": 10}""",
                    cancellation);
            }).ToArray();
            var migration = Task.Run(async () =>
            {
                await start.WaitAsync(cancellation);
                return await nodes[1].SendAsync(HttpMethod.Post, $"/programs/{program}/migrate", $$"""{"templateId": "{{next}}"}""", cancellation);
            }, cancellation);
            start.Release(Creates + 1);
            var replies = await Task.WhenAll(creates);
            var migrated = await migration;

            replies.Where(r => r.Status != HttpStatusCode.Created).ShouldBeEmpty(string.Join("\n", replies.Select(r => r.ToString())));
            migrated.Status.ShouldBe(HttpStatusCode.OK, migrated.ToString());
            (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from program_campaigns where program_id = '{program}'")).ShouldBe(Creates);
            (await Sql.ScalarAsync(db.ConnectionString, $"select template_version from programs where id = '{program}'")).ShouldBe(2);
            (await Sql.ScalarAsync(db.ConnectionString,
                $"select count(*) from program_campaigns where program_id = '{program}' and template_version <> 2")).ShouldBe(0,
                "a campaign created before the migration was rebased by it; one created after it was decided on version 2");
            (await Sql.ScalarAsync(db.ConnectionString,
                $"select count(*) from mt_events where stream_id = '{program}' and type = 'program_campaign_deployed.v1'")).ShouldBe(Creates);
        });
    }
}
