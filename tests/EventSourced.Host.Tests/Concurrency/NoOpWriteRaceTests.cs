using System.Net;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Concurrency;

/// <summary>
/// Issue 20 §3: a write that changes nothing (a probability resent as it is, on a campaign waiting on its approval) racing the
/// approval on another node answers with the state it decided on, never with the approval's: 200 with 95 and the campaign
/// still pending if it came first, 409 "Campaign is won" if it came second. Before the commit checked the decided-on version,
/// 2 of 40 such trials answered 200 with 100 and "won" (the approval's row). 40 trials here, on two host processes.
/// </summary>
public sealed class NoOpWriteRaceTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    private const int Trials = 40;

    [Fact]
    public async Task A_resent_probability_racing_the_approval_answers_with_its_own_decision()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var pair = await NodePair.StartAsync(db.ConnectionString, cancellation);
        var (first, second, nodes) = (pair.First, pair.Second, pair.Nodes);
        await pair.RunAsync(async () =>
        {
            var (_, program) = await NodeSeed.ActiveProgramAsync(first, second, "noop-race", cancellation);

            var (first200, second409) = (0, 0);
            for (var trial = 0; trial < Trials; trial++)
            {
                var campaign = (await first.ExpectAsync(HttpMethod.Post, "/campaigns",
                    $$"""{"programId": "{{program}}", "companyId": "{{Guid.NewGuid()}}", "name": "Trial {{trial}}", "targetEnrollment": 5, "maxEnrollment": 10}""",
                    HttpStatusCode.Created, cancellation)).Id;
                var crossed = await second.ExpectAsync(HttpMethod.Put, $"/campaigns/{campaign}/probability", """{"probability": 95}""", HttpStatusCode.OK,
                    cancellation);
                var approval = crossed.Json.GetProperty("approvalRequestId").GetGuid();

                using var start = new SemaphoreSlim(0);
                var resend = Task.Run(async () =>
                {
                    await start.WaitAsync(cancellation);
                    return await nodes[trial % 2].SendAsync(HttpMethod.Put, $"/campaigns/{campaign}/probability", """{"probability": 95}""", cancellation);
                }, cancellation);
                var approve = Task.Run(async () =>
                {
                    await start.WaitAsync(cancellation);
                    return await nodes[(trial + 1) % 2].SendAsync(HttpMethod.Put, $"/approvals/{approval}",
                        """{"action": "approve", "reviewerId": "reviewer-1", "reason": "Race"}""", cancellation);
                }, cancellation);
                start.Release(2);
                var (resent, approved) = (await resend, await approve);

                approved.Status.ShouldBe(HttpStatusCode.OK, approved.ToString());
                if (resent.Status == HttpStatusCode.OK)
                {
                    // Decided before the approval: its own state, not the approval's row.
                    (resent.Json.GetProperty("probability").GetInt32(), resent.Json.GetProperty("status").GetString())
                        .ShouldNotBe((100, "won"), $"trial {trial}: {resent}");
                    resent.Json.GetProperty("probability").GetInt32().ShouldBe(95, $"trial {trial}: {resent}");
                    first200++;
                }
                else
                {
                    resent.Status.ShouldBe(HttpStatusCode.Conflict, $"trial {trial}: {resent}");
                    resent.Json.GetProperty("title").GetString().ShouldBe("Campaign is won", $"trial {trial}: {resent}");
                    second409++;
                }
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{Trials} trials: {first200} resends decided first (200, 95), {second409} after the approval (409)");
        });
    }
}
