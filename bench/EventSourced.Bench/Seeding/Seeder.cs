using System.Diagnostics;
using System.Text.Json;
using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Events;
using Marten;
using Npgsql;

namespace EventSourced.Bench.Seeding;

/// <summary>
/// Grows the store to a number of events through the real store, so the inline projections write the read tables as they
/// would in production, many streams per transaction and several transactions in parallel. Each flow appends the events the
/// handlers decide for it (as the integration tests' BulkStreams does), so the integrity check finds nothing.
/// Shape per 100 events: about one campaign (a quarter of a program; programs from versioned templates, for beneficiary
/// groups), three in four campaigns crossing 90 % (approval + reservation; four in nine approved with an order, three in nine
/// rejected, the rest pending), and the bulk: enrollments of two events on average (most with a program and campaign, some
/// legacy, some linked later, half completed or withdrawn). Timestamps advance 100 ms per event from six days ago.
/// </summary>
public sealed class Seeder(IDocumentStore store, string connectionString)
{
    public const int StreamsPerCommit = 500;
    public const int Parallelism = 4;

    private const string Schema = """
        {"type": "object", "properties": {"session": {"type": "object", "properties": {
          "defaultDurationMinutes": {"type": "integer", "minimum": 15, "maximum": 180},
          "recommendedFrequency": {"enum": ["weekly", "biweekly"]}}}}}
        """;

    private const string Defaults = """{"session": {"defaultDurationMinutes": 60, "recommendedFrequency": "weekly"}}""";
    private const string ReviewedDefaults = """{"session": {"defaultDurationMinutes": 75, "recommendedFrequency": "biweekly"}}""";
    private static readonly string[] Categories = ["mentorship", "upskilling", "buddy"];

    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddDays(-6);
    private long _ticks;
    private long _events;
    private int _templateKeys;
    private int _groups;
    private int _enrollments;

    /// <summary>The companies campaigns and enrollments belong to (a fixed pool, so lookups by company grow with the store).</summary>
    public static IReadOnlyList<Guid> Companies { get; } =
        Enumerable.Range(1, 100).Select(i => Guid.Parse($"2f1e7a2c-0000-4000-8000-{i:D12}")).ToArray();

    public List<SeedTemplate> Templates { get; } = [];

    public List<Guid> Groups { get; } = [];

    /// <summary>The active version of every template key (version 2 where one was published, else version 1).</summary>
    public List<SeedTemplate> ActiveTemplates { get; } = [];

    public List<SeedProgram> Programs { get; } = [];

    public List<SeedCampaign> Campaigns { get; } = [];

    /// <summary>Campaigns whose probability any value below 90 may be set on: never crossed, or rejected.</summary>
    public IReadOnlyList<SeedCampaign> OpenCampaigns => Campaigns.Where(c => c.Status == SeedCampaignStatus.Open).ToArray();

    /// <summary>Grows the store (whatever wrote to it) to at least <paramref name="targetEvents"/> events.</summary>
    public async Task<SeedResult> GrowToAsync(long targetEvents, Action<string> log)
    {
        var before = await CountEventsAsync();
        var toAdd = targetEvents - before;
        if (toAdd <= 0)
        {
            return new SeedResult(before, 0, TimeSpan.Zero);
        }

        _events = before;
        var watch = Stopwatch.StartNew();
        var campaigns = (int)Math.Max(8, toAdd / 100);
        var programs = Math.Max(2, campaigns / 4);
        var groups = Math.Max(1, programs / 6);
        var keys = Math.Max(3, programs / 10);

        var newTemplates = await Phase("templates", log, () => TemplatesAsync(keys));
        await Phase("beneficiary groups", log, () => GroupsAsync(groups));
        var newPrograms = await Phase("programs", log, () => ProgramsAsync(programs, newTemplates));
        var newCampaigns = await Phase("campaigns", log, () => CampaignsAsync(newPrograms, perProgram: 4));
        await Phase("campaign edits", log, () => UpdateCampaignsAsync(newCampaigns.Where((_, i) => i % 3 == 0).ToArray()));
        await Phase("probability changes", log, () => ProbabilityChangesAsync(newCampaigns, 3));
        await Phase("template versions", log, () => NewTemplateVersionsAsync(newTemplates.Where((_, i) => i % 3 == 0).ToArray()));
        var crossing = newCampaigns.Where((_, i) => i % 4 != 3).ToArray();
        await Phase("crossing 90 %", log, () => CrossAsync(crossing));
        await Phase("approvals", log, () => ApproveAsync(crossing.Where((_, i) => i % 9 < 4).ToArray()));
        await Phase("rejections", log, () => RejectAsync(crossing.Where((_, i) => i % 9 is >= 4 and < 7).ToArray()));
        await Phase("paused programs", log, () => PauseProgramsAsync(newPrograms.Where((_, i) => i % 10 == 0).ToArray()));
        await Phase("enrollments", log, () => EnrollmentsAsync(targetEvents));

        var after = await CountEventsAsync();
        return new SeedResult(after, after - before, watch.Elapsed);
    }

    public async Task<long> CountEventsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<T> Phase<T>(string name, Action<string> log, Func<Task<T>> phase)
    {
        var (events, watch) = (Interlocked.Read(ref _events), Stopwatch.StartNew());
        var result = await phase();
        var added = Interlocked.Read(ref _events) - events;
        log($"{name}: {added:N0} events in {watch.Elapsed.TotalSeconds:F1} s ({added / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s)");
        return result;
    }

    private Task Phase(string name, Action<string> log, Func<Task> phase) => Phase(name, log, async () =>
    {
        await phase();
        return true;
    });

    private async Task<IReadOnlyList<SeedTemplate>> TemplatesAsync(int keys)
    {
        var flows = Enumerable.Range(_templateKeys, keys).ToArray();
        _templateKeys += keys;
        var created = new SeedTemplate[flows.Length];
        await WriteAsync(flows.Select((k, i) => (k, i)).ToArray(), (session, flow) =>
        {
            var (k, i) = flow;
            var category = Categories[k % Categories.Length];
            var id = Guid.CreateVersion7();
            var key = $"bench-{category}-{k:D4}";
            Start<Template>(session, id,
                new TemplateCreated(id, key, 1, $"Bench {category} {k}", "Seeded by the benchmarks", category, Json(Defaults), Json(Schema), null, Tick()),
                new TemplateUpdated(id, $"Bench {category} {k} (reviewed)", "Reviewed draft", category, Json(Defaults), Json(Schema), Tick()),
                new TemplatePublished(id, Tick()));
            created[i] = new SeedTemplate(id, key, 1, category, Json(Defaults));
            if (k % 6 == 0)
            {
                var draft = Guid.CreateVersion7();
                Start<Template>(session, draft,
                    new TemplateCreated(draft, $"bench-draft-{k:D4}", 1, $"Draft {k}", null, category, Json(Defaults), Json(Schema), null, Tick()));
            }

            if (k % 8 == 0)
            {
                var archived = Guid.CreateVersion7();
                Start<Template>(session, archived,
                    new TemplateCreated(archived, $"bench-archived-{k:D4}", 1, $"Retired {k}", "Superseded", category, Json(Defaults), Json(Schema), null, Tick()),
                    new TemplatePublished(archived, Tick()),
                    new TemplateArchived(archived, Tick()));
            }
        });
        Templates.AddRange(created);
        ActiveTemplates.AddRange(created);
        return created;
    }

    // Version 2 of a key: created from version 1, edited, published deprecating version 1. Programs stay on version 1.
    private async Task NewTemplateVersionsAsync(IReadOnlyList<SeedTemplate> v1s)
    {
        var v2s = v1s.Select(v1 => (V1: v1, V2: new SeedTemplate(Guid.CreateVersion7(), v1.Key, 2, v1.Category, Json(ReviewedDefaults)))).ToArray();
        await WriteAsync(v2s, (session, flow) => NewVersion(session, flow.V1, flow.V2.Id));
        ActiveTemplates.RemoveAll(t => v1s.Contains(t));
        ActiveTemplates.AddRange(v2s.Select(f => f.V2));
    }

    private void NewVersion(IDocumentSession session, SeedTemplate v1, Guid v2)
    {
        Start<Template>(session, v2,
            new TemplateCreated(v2, v1.Key, 2, $"{v1.Key} v2", "Seeded by the benchmarks", v1.Category, v1.Defaults, Json(Schema), v1.Id, Tick()),
            new TemplateUpdated(v2, $"{v1.Key} v2", "Longer sessions", v1.Category, Json(ReviewedDefaults), Json(Schema), Tick()),
            new TemplatePublished(v2, Tick()));
        Append(session, v1.Id, new TemplateDeprecated(v1.Id, v2, Tick()));
    }

    private async Task GroupsAsync(int count)
    {
        var flows = Enumerable.Range(_groups, count).Select(i => (i, Id: Guid.CreateVersion7())).ToArray();
        _groups += count;
        await WriteAsync(flows, (session, flow) =>
        {
            var (i, id) = flow;
            Start<BeneficiaryGroup>(session, id,
                new BeneficiaryGroupCreated(id, $"Group {i}", i % 2 == 0 ? "Newcomers" : null, i % 4 == 0 ? null : "DE", ["bench", $"g{i % 5}"], Tick()));
            if (i % 3 == 0)
            {
                Append(session, id, new BeneficiaryGroupUpdated(id, $"Group {i} (renamed)", "Edited", "AT", ["bench", "edited"], Tick()));
            }
        });
        Groups.AddRange(flows.Select(f => f.Id));
    }

    private async Task<IReadOnlyList<SeedProgram>> ProgramsAsync(int count, IReadOnlyList<SeedTemplate> templates)
    {
        var first = Programs.Count;
        var created = Enumerable.Range(0, count).Select(i =>
        {
            var n = first + i;
            var overrides = Json(n % 3 == 0 ? "{}" : """{"session": {"defaultDurationMinutes": 90}}""");
            return new SeedProgram(Guid.CreateVersion7(), $"bench-program-{n:D6}", templates[i % templates.Count], Groups[n % Groups.Count], overrides);
        }).ToArray();
        await WriteAsync(created, (session, p) => Start<ProgramState>(session, p.Id,
            new ProgramCreated(p.Id, p.Key, $"Bench program {p.Key[14..]}", p.Template.Id, p.Template.Key, p.Template.Version, p.Template.Category,
                p.Group, p.Template.Defaults, p.Overrides, ["bench", p.Template.Category], [4, 8 + (p.Group.GetHashCode() & 3)], Tick()),
            new ProgramStatusChanged(p.Id, ProgramStatus.Draft, ProgramStatus.Active, Tick())));
        Programs.AddRange(created);
        return created;
    }

    // One flow per program (its campaigns and their deployments on its stream), so parallel transactions never share a stream.
    private async Task<IReadOnlyList<SeedCampaign>> CampaignsAsync(IReadOnlyList<SeedProgram> programs, int perProgram)
    {
        var first = Campaigns.Count;
        var created = programs.SelectMany((p, i) => Enumerable.Range(0, perProgram).Select(j =>
        {
            var n = first + (i * perProgram) + j;
            return new SeedCampaign(Guid.CreateVersion7(), p, Companies[n % Companies.Count])
            {
                Name = $"Campaign {n}",
                TargetEnrollment = 50 + (n % 50),
                MaxEnrollment = 100 + (n % 100),
                Budget = n % 5 == 0 ? null : new Budget(1000m + (n * 12.5m), n % 2 == 0 ? "EUR" : "USD"),
                StartDate = new DateOnly(2027, 1 + (n % 6), 1),
                EndDate = n % 7 == 0 ? null : new DateOnly(2027, 7 + (n % 6), 28),
                Overrides = Json(j % 2 == 0 ? "{}" : """{"session": {"defaultDurationMinutes": 45}}"""),
            };
        })).ToArray();
        var byProgram = created.ToLookup(c => c.Program);
        await WriteAsync(programs, (session, program) =>
        {
            foreach (var c in byProgram[program])
            {
                var at = Tick();
                Start<CampaignState>(session, c.Id,
                    new CampaignCreated(c.Id, program.Id, c.CompanyId, c.Name, c.TargetEnrollment, c.MaxEnrollment, c.Budget, c.StartDate, c.EndDate,
                        program.Template.Id, program.Template.Version, program.Template.Defaults, program.Overrides, c.Overrides, at));
                Append(session, program.Id, new CampaignDeployed(program.Id, c.Id, c.CompanyId, at));
                program.Campaigns.Add(c);
            }
        }, streamsPerCommit: StreamsPerCommit / (perProgram + 1));
        Campaigns.AddRange(created);
        return created;
    }

    private Task UpdateCampaignsAsync(IReadOnlyList<SeedCampaign> campaigns) => WriteAsync(campaigns, (session, c) =>
    {
        c.Name += " (edited)";
        c.TargetEnrollment = Math.Min(c.TargetEnrollment + 10, c.MaxEnrollment);
        c.Overrides = Json("""{"session": {"recommendedFrequency": "biweekly"}}""");
        Append(session, c.Id, new CampaignUpdated(c.Id, c.Name, c.TargetEnrollment, c.MaxEnrollment, c.Budget, c.StartDate, c.EndDate,
            c.Program.Template.Version, c.Program.Template.Defaults, c.Program.Overrides, c.Overrides, Tick()));
    });

    private Task ProbabilityChangesAsync(IReadOnlyList<SeedCampaign> campaigns, int changesEach) => WriteAsync(campaigns, (session, c) =>
    {
        for (var k = 0; k < changesEach; k++)
        {
            var to = 10 + ((c.Probability + 37) % 80);
            Append(session, c.Id, new CampaignProbabilityChanged(c.Id, c.Probability, to, Tick()));
            c.Probability = to;
        }
    });

    private Task CrossAsync(IReadOnlyList<SeedCampaign> campaigns) => WriteAsync(campaigns, (session, c) =>
    {
        var (from, to) = (c.Probability, 90 + (c.Id.GetHashCode() & 7));
        var (approval, reservation) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = Tick();
        Append(session, c.Id, new CampaignProbabilityChanged(c.Id, from, to, at));
        Start<ApprovalState>(session, approval, new ApprovalRequested(approval, c.Id, reservation, from, to, at));
        Start<ReservationState>(session, reservation,
            new InventoryReserved(reservation, c.Id, approval, c.MaxEnrollment, c.Budget, c.StartDate, c.EndDate, at));
        Append(session, c.Id, new CampaignApprovalRequested(c.Id, approval, reservation, from, at));
        (c.Probability, c.ProbabilityBefore, c.ApprovalId, c.ReservationId, c.Status) = (to, from, approval, reservation, SeedCampaignStatus.Pending);
    }, streamsPerCommit: StreamsPerCommit / 3);

    private Task ApproveAsync(IReadOnlyList<SeedCampaign> campaigns) => WriteAsync(campaigns, (session, c) =>
    {
        var (approval, reservation, order) = (c.ApprovalId!.Value, c.ReservationId!.Value, Guid.CreateVersion7());
        var at = Tick();
        Append(session, approval, new ApprovalApproved(approval, "reviewer-1", c.Budget is null ? null : "fits the budget", order, at));
        Start(session, order, new OrderCreated(order, c.Id, approval, reservation, c.MaxEnrollment, c.Budget, at));
        Append(session, reservation, new ReservationConverted(reservation, order, at));
        Append(session, c.Id, new CampaignWon(c.Id, approval, order, at));
        (c.Probability, c.Status) = (100, SeedCampaignStatus.Won);
    }, streamsPerCommit: StreamsPerCommit / 4);

    private Task RejectAsync(IReadOnlyList<SeedCampaign> campaigns) => WriteAsync(campaigns, (session, c) =>
    {
        var (approval, reservation) = (c.ApprovalId!.Value, c.ReservationId!.Value);
        var reason = c.Name.Length % 2 == 0 ? "over budget" : null;
        var at = Tick();
        Append(session, approval, new ApprovalRejected(approval, "reviewer-2", reason, at));
        Append(session, reservation, new ReservationReleased(reservation, $"approval {approval} rejected" + (reason is null ? string.Empty : $": {reason}"), at));
        Append(session, c.Id, new CampaignApprovalRejected(c.Id, approval, c.ProbabilityBefore, at));
        (c.Probability, c.Status) = (c.ProbabilityBefore, SeedCampaignStatus.Open);
    }, streamsPerCommit: StreamsPerCommit / 3);

    private Task PauseProgramsAsync(IReadOnlyList<SeedProgram> programs) => WriteAsync(programs, (session, p) =>
        Append(session, p.Id, new ProgramStatusChanged(p.Id, ProgramStatus.Active, ProgramStatus.Paused, Tick())));

    /// <summary>Enrollments until the store holds <paramref name="targetEvents"/> events, in rounds of parallel transactions.</summary>
    private async Task EnrollmentsAsync(long targetEvents)
    {
        const double EventsPerEnrollment = 1.57; // 1 created + 1/2 status changes + 1/15 links
        while (Interlocked.Read(ref _events) < targetEvents)
        {
            var remaining = targetEvents - Interlocked.Read(ref _events);
            var count = (int)Math.Clamp(remaining / EventsPerEnrollment, 1, StreamsPerCommit * Parallelism * 8);
            var first = _enrollments;
            _enrollments += count;
            await WriteAsync(Enumerable.Range(first, count).ToArray(), Enroll);
        }
    }

    private void Enroll(IDocumentSession session, int i)
    {
        var source = SourceSystems.All[i % SourceSystems.All.Count];
        var externalId = $"bench-event-{i:D8}";
        var id = EnrollmentIds.ForExternalEvent(source, externalId);
        var user = $"bench-user-{i:D8}";
        var occurred = Tick();
        var program = Programs[i % Programs.Count];
        if (i % 5 != 0)
        {
            var campaign = i % 4 == 3 || program.Campaigns.Count == 0 ? null : program.Campaigns[i % program.Campaigns.Count];
            var company = campaign?.CompanyId ?? Companies[i % Companies.Count];
            Start<EnrollmentState>(session, id, new EnrollmentCreated(id, user, company, program.Template.Category, program.Id, campaign?.Id,
                program.Group, source, externalId, occurred.AddMinutes(-5), occurred));
        }
        else
        {
            Start<EnrollmentState>(session, id, new EnrollmentCreated(id, user, i % 2 == 0 ? Companies[i % Companies.Count] : null,
                program.Template.Category, null, null, null, source, externalId, occurred.AddHours(-1), occurred));
            if (i % 3 == 0)
            {
                Append(session, id, new EnrollmentLinkedToProgram(id, program.Id, program.Template.Category, program.Group,
                    program.Campaigns.FirstOrDefault()?.Id, Tick()));
            }
        }

        if (i % 4 is 1 or 2)
        {
            var to = i % 4 == 1 ? EnrollmentStatus.Completed : EnrollmentStatus.Withdrawn;
            Append(session, id, new EnrollmentStatusChanged(id, EnrollmentStatus.Active, to, Tick()));
        }
    }

    private DateTimeOffset Tick() => _start.AddMilliseconds(100 * Interlocked.Increment(ref _ticks));

    private void Start<TState>(IDocumentSession session, Guid id, params object[] events)
        where TState : class
    {
        session.Events.StartStream<TState>(id, events);
        Interlocked.Add(ref _events, events.Length);
    }

    private void Start(IDocumentSession session, Guid id, params object[] events)
    {
        session.Events.StartStream(id, events);
        Interlocked.Add(ref _events, events.Length);
    }

    private void Append(IDocumentSession session, Guid id, params object[] events)
    {
        session.Events.Append(id, events);
        Interlocked.Add(ref _events, events.Length);
    }

    // Flows are independent (each touches streams no other flow of the phase touches), so chunks commit in parallel.
    private async Task WriteAsync<T>(IReadOnlyList<T> flows, Action<IDocumentSession, T> write, int streamsPerCommit = StreamsPerCommit)
    {
        await Parallel.ForEachAsync(flows.Chunk(Math.Max(1, streamsPerCommit)), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (chunk, cancellation) =>
            {
                await using var session = store.LightweightSession();
                foreach (var flow in chunk)
                {
                    write(session, flow);
                }

                await session.SaveChangesAsync(cancellation);
            });
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}

public sealed record SeedResult(long EventsInStore, long EventsAdded, TimeSpan Elapsed);

public sealed record SeedTemplate(Guid Id, string Key, int Version, string Category, JsonElement Defaults);

public sealed class SeedProgram(Guid id, string key, SeedTemplate template, Guid group, JsonElement overrides)
{
    public Guid Id { get; } = id;

    public string Key { get; } = key;

    public SeedTemplate Template { get; } = template;

    public Guid Group { get; } = group;

    public JsonElement Overrides { get; } = overrides;

    public List<SeedCampaign> Campaigns { get; } = [];
}

public enum SeedCampaignStatus
{
    Open,
    Pending,
    Won,
}

public sealed class SeedCampaign(Guid id, SeedProgram program, Guid companyId)
{
    public Guid Id { get; } = id;

    public SeedProgram Program { get; } = program;

    public Guid CompanyId { get; } = companyId;

    public required string Name { get; set; }

    public int TargetEnrollment { get; set; }

    public int MaxEnrollment { get; init; }

    public Budget? Budget { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public JsonElement Overrides { get; set; }

    public int Probability { get; set; }

    public int ProbabilityBefore { get; set; }

    public Guid? ApprovalId { get; set; }

    public Guid? ReservationId { get; set; }

    public SeedCampaignStatus Status { get; set; }
}
