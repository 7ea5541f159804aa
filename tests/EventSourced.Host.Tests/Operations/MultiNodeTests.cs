using EventSourced.Host.Tests.Messaging;
using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Enrollments;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace EventSourced.Host.Tests.Operations;

/// <summary>
/// Several nodes, one PostgreSQL: two host processes share the work through what Marten and Wolverine provide (expected-version
/// checks and unique keys on commit, inline projections, Wolverine's durable inbox and its leader-elected durability agent).
/// Commands, races between the nodes and external events (duplicates included, some to both nodes at once) go to both;
/// afterwards no acknowledged command or accepted event is lost, none was handled twice, the read tables equal a replay of the
/// streams, and exactly one node runs the durability agent.
/// </summary>
public sealed class MultiNodeTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    private const int Lines = 4;
    private const int ExternalEventCount = 40;
    private const int DraftEdits = 10;

    // Limits, not expectations: the whole test takes well under a minute (most of it two cold starts and Wolverine compiling
    // each endpoint's code on its first request, in each process); the limits leave room for a busy CI machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>From the start: the leader is elected and assigns the agent on Wolverine's node health checks (every 10 s).</summary>
    private static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(120);
    private static readonly string[] Sources = [SourceSystems.Kintell, SourceSystems.Buddy, SourceSystems.Upskilling];

    /// <summary>Every command a node acknowledged (2xx), as the event it must have appended and the stream it went to.</summary>
    private readonly ConcurrentQueue<(Guid Stream, string EventType)> _acknowledged = new();

    [Fact]
    public async Task Two_nodes_on_one_database_lose_nothing_handle_nothing_twice_and_match_a_replay()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var ports = HostNode.FreeLoopbackPorts(2);

        // Both at once on an empty database: each applies the schema at startup, as a rolling start of replicas would.
        await using var a = HostNode.Start("node-a", ports[0], db.ConnectionString);
        await using var b = HostNode.Start("node-b", ports[1], db.ConnectionString);
        HostNode[] nodes = [a, b];
        try
        {
            await ShareTheWorkAsync(nodes, cancellation);
        }
        catch
        {
            foreach (var node in nodes)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"----- {node.Name} ({node.Address}), exited: {node.HasExited}\n{node.Output}");
            }

            throw;
        }
    }

    private async Task ShareTheWorkAsync(HostNode[] nodes, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(nodes.Select(n => n.WaitUntilReadyAsync(StartTimeout, cancellation)));
        var ready = clock.Elapsed;

        // Four programs to enroll into, each built step by step alternately on both nodes, the four at once.
        var lines = await Task.WhenAll(Enumerable.Range(0, Lines).Select(i => SeedLineAsync(i, nodes[i % 2], nodes[(i + 1) % 2], cancellation)));

        // The 90 % workflow raced across the processes: both nodes raise the probability, both reviewers approve.
        var workflow = await RaceTheApprovalAsync(nodes, lines[0].Campaign, cancellation);
        var seeded = clock.Elapsed;

        // External events (each to one node; some to both at once, some twice to the same one) and, meanwhile, edits of one
        // draft from both nodes.
        var draft = await CreateAsync(nodes[0], "/templates", TemplateJson("multinode-draft", "multinode-draft", "Draft"), "template_created.v1", cancellation);
        var events = Enumerable.Range(0, ExternalEventCount).Select(i => ExternalEvent.For(i, lines, workflow.Campaign)).ToArray();
        var deliveries = events.SelectMany(e => e.Deliveries(nodes)).ToArray();
        var posting = Task.WhenAll(deliveries.Select(d => d.Node.SendAsync(HttpMethod.Post, $"/events/{d.Event.Source}", d.Event.Json, cancellation)));
        var editing = Task.WhenAll(Enumerable.Range(0, DraftEdits)
            .Select(k => nodes[k % 2].SendAsync(HttpMethod.Put, $"/templates/{draft}", $$"""{"name": "Draft edit {{k}}"}""", cancellation)));
        var (accepted, edits) = (await posting, await editing);
        var posted = clock.Elapsed;
        accepted.ShouldAllBe(r => r.Status == HttpStatusCode.Accepted, string.Join('\n', accepted.Where(r => r.Status != HttpStatusCode.Accepted)));
        edits.ShouldAllBe(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.Conflict, string.Join('\n', edits));
        foreach (var _ in edits.Where(r => r.Status == HttpStatusCode.OK))
        {
            Acknowledge(draft, "template_updated.v1");
        }

        var settled = await SettleAsync(nodes, deliveries.Length, cancellation);
        var settledAt = clock.Elapsed;

        // Wolverine's inbox: one envelope per accepted post, every one handled; nothing pending, dead-lettered or outgoing.
        (await Sql.QueryAsync(db.ConnectionString, $"select status, count(*) as n from wolverine_incoming_envelopes where {Inbox.ExceptReminders} group by status"))
            .ToDictionary(r => (string)r["status"]!, r => (long)r["n"]!)
            .ShouldBe(new Dictionary<string, long> { ["Handled"] = deliveries.Length });
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from wolverine_dead_letters")).ShouldBe(0);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from wolverine_outgoing_envelopes")).ShouldBe(0);

        // Each external event made exactly one enrollment, with the context the lookup finds whichever node handled it, and its
        // stream holds exactly one event.
        var enrollments = (await Sql.QueryAsync(db.ConnectionString,
                "select id, external_event_id, source_system, user_id, program_id, campaign_id from program_enrollments"))
            .ToDictionary(r => (Guid)r["id"]!);
        enrollments.Count.ShouldBe(ExternalEventCount);
        foreach (var e in events)
        {
            enrollments.ShouldContainKey(e.EnrollmentId, $"the enrollment of {e.EventId}");
            var row = enrollments[e.EnrollmentId];
            ((string)row["external_event_id"]!, (string)row["source_system"]!, (string)row["user_id"]!, (Guid?)row["program_id"], (Guid?)row["campaign_id"])
                .ShouldBe((e.EventId, e.Source, e.UserId, e.ProgramId, e.CampaignId), $"the enrollment of {e.EventId}");
        }

        (await Sql.QueryAsync(db.ConnectionString,
                "select stream_id, string_agg(type, ',' order by version) as types from mt_events where type like 'enrollment%' group by stream_id"))
            .Select(r => ((Guid)r["stream_id"]!, (string)r["types"]!))
            .ShouldBe(events.Select(e => (e.EnrollmentId, "enrollment_created.v1")), ignoreOrder: true);

        // Every delivery was handled exactly once (one outcome line each, across both nodes), the first one created the
        // enrollment and every other one found it. Both nodes did part of the work.
        var outcomes = HandlingOutcomes(nodes);
        outcomes.Count.ShouldBe(deliveries.Length, string.Join('\n', outcomes));
        outcomes.ShouldNotContain(o => o.Outcome == "already-enrolled");
        outcomes.Where(o => o.Outcome == "created").Select(o => o.EnrollmentId).ShouldBe(events.Select(e => e.EnrollmentId), ignoreOrder: true);
        outcomes.GroupBy(o => o.EnrollmentId).Select(g => (g.Key, g.Count()))
            .ShouldBe(deliveries.GroupBy(d => d.Event.EnrollmentId).Select(g => (g.Key, g.Count())), ignoreOrder: true);
        foreach (var node in nodes)
        {
            outcomes.ShouldContain(o => o.Node == node.Name, $"{node.Name} handled none of the events");
        }

        // Every acknowledged command's event is in the store, once per acknowledgement (a refused race appended nothing), and
        // there is no stream but theirs, the enrollments' and the raced workflow's (approval, reservation, order).
        var stored = (await Sql.QueryAsync(db.ConnectionString,
                $"select stream_id, type, count(*) as n from mt_events where type <> '{Sql.TombstoneEventType}' group by stream_id, type"))
            .ToDictionary(r => ((Guid)r["stream_id"]!, (string)r["type"]!), r => (long)r["n"]!);
        foreach (var acknowledged in _acknowledged.GroupBy(x => x))
        {
            stored.GetValueOrDefault(acknowledged.Key).ShouldBe(acknowledged.Count(), $"{acknowledged.Key.EventType} on {acknowledged.Key.Stream}");
        }

        var byType = stored.GroupBy(s => s.Key.Item2).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        foreach (var type in new[] { "approval_requested.v1", "inventory_reserved.v1", "approval_approved.v1", "order_created.v1",
                     "inventory_reservation_converted.v1", "campaign_won.v1" })
        {
            byType.GetValueOrDefault(type).ShouldBe(1, $"{type}: the raced 90 % crossing and approval happen once");
        }

        stored.Keys.Select(k => k.Item1).Distinct().ShouldBe(
            _acknowledged.Select(x => x.Stream).Concat(events.Select(e => e.EnrollmentId))
                .Concat([workflow.Approval, workflow.Reservation, workflow.Order]).Distinct(),
            ignoreOrder: true);

        // The read tables are what a replay of the streams produces (the integrity check, run by node-b).
        var integrity = await ExpectAsync(nodes[1], HttpMethod.Get, "/admin/integrity", null, HttpStatusCode.OK, cancellation);
        var report = JsonSerializer.Deserialize<IntegrityReport>(integrity.Body, IntegrityJson.Options).ShouldNotBeNull();
        report.Tables.Select(t => t.Table).ShouldBe(ReadTableCatalog.TableNames, integrity.Body);
        report.Tables.Where(t => !t.IsClean || t.ExpectedRows != t.ActualRows).Select(t => t.Table).ShouldBeEmpty(integrity.Body);
        report.Tables.Single(t => t.Table == "program_enrollments").ActualRows.ShouldBe(ExternalEventCount);
        report.UnappliedEventCount.ShouldBe(0, integrity.Body);
        report.DomainFindings.ShouldBeEmpty(integrity.Body);
        report.IsClean.ShouldBeTrue(integrity.Body);

        // Leader election: both nodes joined one cluster, one is the leader, and exactly one runs the durability agent.
        var agentOn = await WaitForOneDurabilityAgentAsync(nodes, clock, cancellation);
        var nodeIds = (await Sql.QueryAsync(db.ConnectionString, "select id from wolverine_nodes")).Select(r => (Guid)r["id"]!).ToArray();
        nodeIds.Length.ShouldBe(2);
        var assignments = (await Sql.QueryAsync(db.ConnectionString, "select id, node_id from wolverine_node_assignments"))
            .Select(r => ((string)r["id"]!, (Guid)r["node_id"]!)).ToArray();
        nodeIds.ShouldContain(assignments.Where(x => x.Item1.StartsWith("wolverine://leader", StringComparison.Ordinal)).ShouldHaveSingleItem().Item2);
        nodeIds.ShouldContain(assignments.Where(x => x.Item1.StartsWith("wolverinedb://", StringComparison.Ordinal)).ShouldHaveSingleItem().Item2);
        nodes.ShouldAllBe(n => !n.HasExited);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"ready after {ready.TotalSeconds:F1} s, seeded {seeded.TotalSeconds:F1} s, posted {posted.TotalSeconds:F1} s; " +
            $"{deliveries.Length} deliveries of {ExternalEventCount} events settled after " +
            $"{settledAt.TotalSeconds:F1} s ({settled}); handled: " +
            string.Join(", ", nodes.Select(n => $"{n.Name} {outcomes.Count(o => o.Node == n.Name)}")) +
            $"; draft edits acknowledged: {edits.Count(e => e.Status == HttpStatusCode.OK)} of {DraftEdits}; durability agent on {agentOn.Name}; " +
            $"total {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>An active program of its own programType (template and group, publication, program, activation, a company's
    /// campaign), each step on the other node than the one before.</summary>
    private async Task<Line> SeedLineAsync(int i, HostNode first, HostNode second, CancellationToken cancellation)
    {
        var type = $"multinode-{i}";
        var creatingGroup = CreateAsync(second, "/beneficiary-groups", $$"""{"name": "Group {{i}}", "region": "DE", "tags": ["multinode"]}""",
            "beneficiary_group_created.v1", cancellation);
        var template = await CreateAsync(first, "/templates", TemplateJson($"multinode-template-{i}", type, $"Template {i}"), "template_created.v1", cancellation);
        await CommandAsync(second, HttpMethod.Post, $"/templates/{template}/publish", """{"deprecatePrevious": false}""", template, "template_published.v1", cancellation);
        var group = await creatingGroup;
        var program = await CreateAsync(second, "/programs", $$"""{"templateId": "{{template}}", "name": "Program {{i}}", "beneficiaryGroupId": "{{group}}"}""",
            "program_created.v1", cancellation);
        await CommandAsync(first, HttpMethod.Put, $"/programs/{program}/status", """{"status": "active"}""", program, "program_status_changed.v2", cancellation);
        var company = Guid.NewGuid();
        var campaign = await CreateAsync(second, "/campaigns",
            $$"""{"programId": "{{program}}", "companyId": "{{company}}", "name": "Campaign {{i}}", "targetEnrollment": 50, "maxEnrollment": 100}""",
            "campaign_created.v1", cancellation);
        Acknowledge(program, "program_campaign_deployed.v1");
        return new Line(type, program, company, campaign);
    }

    /// <summary>Both nodes raise the campaign to 95 % at once (one approval opens), then both reviewers approve at once (one
    /// wins, the other gets 409 with the decision that stands): the campaign is won.</summary>
    private static async Task<Workflow> RaceTheApprovalAsync(HostNode[] nodes, Guid campaign, CancellationToken cancellation)
    {
        var raised = await Task.WhenAll(nodes.Select(n => n.SendAsync(HttpMethod.Put, $"/campaigns/{campaign}/probability", """{"probability": 95}""", cancellation)));
        raised.ShouldAllBe(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.Conflict, string.Join('\n', raised));
        raised.ShouldContain(r => r.Status == HttpStatusCode.OK, string.Join('\n', raised));
        var approval = (await ExpectAsync(nodes[1], HttpMethod.Get, $"/campaigns/{campaign}", null, HttpStatusCode.OK, cancellation))
            .Json.GetProperty("approvalRequestId").GetGuid();

        var decisions = await Task.WhenAll(nodes.Select(n => n.SendAsync(HttpMethod.Put, $"/approvals/{approval}",
            $$"""{"action": "approve", "reviewerId": "reviewer-{{n.Name}}", "reason": "Budget confirmed"}""", cancellation)));
        decisions.Select(d => d.Status).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true, string.Join('\n', decisions));

        var won = (await ExpectAsync(nodes[0], HttpMethod.Get, $"/campaigns/{campaign}", null, HttpStatusCode.OK, cancellation)).Json;
        won.GetProperty("status").GetString().ShouldBe("won");
        won.GetProperty("approvalRequestId").GetGuid().ShouldBe(approval);
        return new Workflow(campaign, approval, won.GetProperty("reservationId").GetGuid(), won.GetProperty("orderId").GetGuid());
    }

    /// <summary>Polls until every event is enrolled and every delivery handled (inbox and logs), twice in a row half a second
    /// apart, so nothing is still moving.</summary>
    private async Task<Settled> SettleAsync(HostNode[] nodes, int deliveries, CancellationToken cancellation)
    {
        var started = Stopwatch.StartNew();
        Settled? previous = null;
        while (true)
        {
            var state = new Settled(
                await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_enrollments"),
                await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where {Inbox.ExceptReminders}"),
                await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where status <> 'Handled' and {Inbox.ExceptReminders}"),
                await Sql.ScalarAsync(db.ConnectionString, "select count(*) from wolverine_dead_letters"),
                HandlingOutcomes(nodes).Count);
            var done = state == new Settled(ExternalEventCount, deliveries, Pending: 0, DeadLetters: 0, Outcomes: deliveries);
            if (done && state == previous)
            {
                return state;
            }

            previous = done ? state : null;
            if (started.Elapsed > SettleTimeout)
            {
                throw new TimeoutException($"Not settled within {SettleTimeout}: {state}; expected {ExternalEventCount} enrollments, " +
                    $"{deliveries} envelopes and outcomes, none pending or dead");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
        }
    }

    /// <summary>The node whose <c>/health</c> reports the durability agent (Healthy) while the other reports it elsewhere
    /// (Degraded), once the leader has assigned it.</summary>
    private static async Task<HostNode> WaitForOneDurabilityAgentAsync(HostNode[] nodes, Stopwatch clock, CancellationToken cancellation)
    {
        while (true)
        {
            var statuses = new List<(HostNode Node, string? Status)>();
            foreach (var node in nodes)
            {
                var health = await node.SendAsync(HttpMethod.Get, "/health", null, cancellation);
                statuses.Add((node, health.Json.GetProperty("checks").GetProperty("wolverine").GetProperty("status").GetString()));
            }

            if (statuses.Count(s => s.Status == "Healthy") == 1 && statuses.Count(s => s.Status == "Degraded") == 1)
            {
                return statuses.Single(s => s.Status == "Healthy").Node;
            }

            statuses.Count(s => s.Status == "Healthy").ShouldBeLessThanOrEqualTo(1, "the durability agent runs on one node only");
            if (clock.Elapsed > AgentTimeout)
            {
                throw new TimeoutException($"No node ran the durability agent within {AgentTimeout}: " +
                    string.Join(", ", statuses.Select(s => $"{s.Node.Name} {s.Status}")));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
        }
    }

    /// <summary>What each handling of an external event logged (EnrollmentLog's runbook lines): one outcome per handling.</summary>
    private static List<(string Node, string Outcome, Guid EnrollmentId)> HandlingOutcomes(HostNode[] nodes)
    {
        var outcomes = new List<(string, string, Guid)>();
        foreach (var node in nodes)
        {
            foreach (var entry in node.LogEntries(typeof(EnrollmentLog).FullName!))
            {
                var state = entry.GetProperty("State");
                var format = state.GetProperty("{OriginalFormat}").GetString()!;
                var outcome = format switch
                {
                    _ when format.StartsWith("Duplicate delivery", StringComparison.Ordinal) => "duplicate",
                    _ when format.StartsWith("Created enrollment", StringComparison.Ordinal) => "created",
                    _ when format.Contains("created legacy enrollment", StringComparison.Ordinal) => "created",
                    _ when format.Contains("already has active enrollment", StringComparison.Ordinal) => "already-enrolled",
                    _ => null, // "Found program context" precedes "Created enrollment with program context"
                };
                if (outcome is not null)
                {
                    var id = state.TryGetProperty("EnrollmentId", out var enrollment) ? enrollment : state.GetProperty("ExistingEnrollmentId");
                    outcomes.Add((node.Name, outcome, Guid.Parse(id.GetString()!)));
                }
            }
        }

        return outcomes;
    }

    private async Task<Guid> CreateAsync(HostNode node, string path, string json, string eventType, CancellationToken cancellation)
    {
        var id = (await ExpectAsync(node, HttpMethod.Post, path, json, HttpStatusCode.Created, cancellation)).Id;
        Acknowledge(id, eventType);
        return id;
    }

    private async Task CommandAsync(HostNode node, HttpMethod method, string path, string json, Guid stream, string eventType, CancellationToken cancellation)
    {
        await ExpectAsync(node, method, path, json, HttpStatusCode.OK, cancellation);
        Acknowledge(stream, eventType);
    }

    private static async Task<NodeReply> ExpectAsync(HostNode node, HttpMethod method, string path, string? json, HttpStatusCode status,
        CancellationToken cancellation)
    {
        var reply = await node.SendAsync(method, path, json, cancellation);
        reply.Status.ShouldBe(status, reply.ToString());
        return reply;
    }

    private void Acknowledge(Guid stream, string eventType) => _acknowledged.Enqueue((stream, eventType));

    private static string TemplateJson(string key, string category, string name) => $$$"""
        {"templateKey": "{{{key}}}", "name": "{{{name}}}", "category": "{{{category}}}",
         "defaultConfig": {"session": {"defaultDurationMinutes": 60}}, "configSchema": {}}
        """;

    private sealed record Line(string ProgramType, Guid Program, Guid Company, Guid Campaign);

    private sealed record Workflow(Guid Campaign, Guid Approval, Guid Reservation, Guid Order);

    private sealed record Settled(long Enrollments, long Envelopes, long Pending, long DeadLetters, int Outcomes);

    /// <summary>An external event and the enrollment it must produce: the line's program (and the company's campaign once won)
    /// for its programType, or a legacy enrollment for a programType no program has.</summary>
    private sealed record ExternalEvent(int Index, string Source, string EventId, string UserId, Guid? CompanyId, string ProgramType,
        Guid? ProgramId, Guid? CampaignId)
    {
        public Guid EnrollmentId => EnrollmentIds.ForExternalEvent(Source, EventId);

        public string Json
        {
            get
            {
                var own = Source switch
                {
                    SourceSystems.Kintell => $"\"sessionId\": \"s-{Index}\", \"durationMinutes\": 60",
                    SourceSystems.Buddy => $"\"matchId\": \"m-{Index}\", \"buddyUserId\": \"buddy-{Index}\"",
                    _ => $"\"courseId\": \"c-{Index}\", \"courseTitle\": \"Course {Index}\"",
                };
                var company = CompanyId is { } id ? $"\"{id}\"" : "null";
                return $$"""
                    {"eventId": "{{EventId}}", "userId": "{{UserId}}", "companyId": {{company}}, "programType": "{{ProgramType}}",
                     "occurredAt": "2026-11-20T10:00:00Z", {{own}}}
                    """;
            }
        }

        public static ExternalEvent For(int i, IReadOnlyList<Line> lines, Guid wonCampaign)
        {
            var source = Sources[i % Sources.Length];
            var line = lines[i % lines.Count];
            var (eventId, user) = ($"{source}-multinode-{i}", $"user-multinode-{i}");
            return (i % 5) switch
            {
                4 => new ExternalEvent(i, source, eventId, user, null, "multinode-unmatched", null, null),
                3 => new ExternalEvent(i, source, eventId, user, null, line.ProgramType, line.Program, null),
                _ => new ExternalEvent(i, source, eventId, user, line.Company, line.ProgramType, line.Program,
                    line.Campaign == wonCampaign ? wonCampaign : null),
            };
        }

        /// <summary>To node <c>i % 2</c>; every 4th also to the other node at the same time; every 7th a second time to the same node.</summary>
        public IEnumerable<(ExternalEvent Event, HostNode Node)> Deliveries(HostNode[] nodes)
        {
            var node = nodes[Index % 2];
            yield return (this, node);
            if (Index % 4 == 0)
            {
                yield return (this, nodes[(Index + 1) % 2]);
            }

            if (Index % 7 == 0)
            {
                yield return (this, node);
            }
        }
    }
}
