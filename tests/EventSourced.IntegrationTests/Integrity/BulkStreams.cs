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
using static EventSourced.IntegrationTests.Programs.ProgramScenario;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// Thousands of streams written straight to the event store, <see cref="FlowsPerCommit"/> flows per transaction, instead
/// of one command at a time through the handlers. Each flow appends the events the handlers decide for it (see the
/// decisions and <c>WorkflowStreams</c>), in that order and with payloads consistent with the streams they refer to, so
/// the inline read tables end up as real traffic would leave them and the integrity check has nothing to report.
/// Timestamps advance a second per event, starting six days before the clock (so no approval is stale).
/// </summary>
internal sealed class BulkStreams(MartenDatabase db)
{
    public const int FlowsPerCommit = 200;

    private const string ReviewedDefaults = """{"session": {"defaultDurationMinutes": 75, "recommendedFrequency": "biweekly"}}""";
    private static readonly string[] Categories = ["mentorship", "upskilling", "buddy"];

    private DateTimeOffset _now = db.Clock.GetUtcNow().AddDays(-6);

    /// <summary>The active version of each template key programs are created from.</summary>
    public List<BulkTemplate> Templates { get; } = [];

    public List<Guid> Groups { get; } = [];

    public List<BulkProgram> Programs { get; } = [];

    public List<BulkCampaign> Campaigns { get; } = [];

    public List<Guid> Enrollments { get; } = [];

    /// <summary>Every stream written (templates of all statuses, groups, programs, campaigns, approvals, reservations, orders, enrollments).</summary>
    public int StreamCount { get; private set; }

    public long EventCount { get; private set; }

    /// <summary>
    /// <paramref name="keys"/> template keys, each created, edited as a draft and published; besides, a draft that was never
    /// published for every sixth key and an archived template for every eighth.
    /// </summary>
    public Task TemplatesAsync(int keys) => WriteAsync(Enumerable.Range(0, keys), (session, i) =>
    {
        var category = Categories[i % Categories.Length];
        var id = Guid.CreateVersion7();
        var key = $"bulk-{category}-{i:D3}";
        Start<Template>(session, id,
            new TemplateCreated(id, key, 1, $"Bulk {category} {i}", "Generated for the integrity tests", category, Json(Defaults), Json(Schema), null, Tick()),
            new TemplateUpdated(id, $"Bulk {category} {i} (reviewed)", "Reviewed draft", category, Json(Defaults), Json(Schema), Tick()),
            new TemplatePublished(id, Tick()));
        Templates.Add(new BulkTemplate(id, key, 1, category, Json(Defaults)));

        if (i % 6 == 0)
        {
            var draft = Guid.CreateVersion7();
            Start<Template>(session, draft,
                new TemplateCreated(draft, $"bulk-draft-{i:D3}", 1, $"Draft {i}", null, category, Json(Defaults), Json(Schema), null, Tick()));
        }

        if (i % 8 == 0)
        {
            var archived = Guid.CreateVersion7();
            Start<Template>(session, archived,
                new TemplateCreated(archived, $"bulk-archived-{i:D3}", 1, $"Retired {i}", "Superseded", category, Json(Defaults), Json(Schema), null, Tick()),
                new TemplatePublished(archived, Tick()),
                new TemplateArchived(archived, Tick()));
        }
    });

    /// <summary>Version 2 of every <paramref name="every"/>th key: created from version 1, edited, published deprecating version 1.</summary>
    public Task NewTemplateVersionsAsync(int every) => WriteAsync(Templates.Where((_, i) => i % every == 0).ToArray(), (session, v1) =>
    {
        var v2 = Guid.CreateVersion7();
        Start<Template>(session, v2,
            new TemplateCreated(v2, v1.Key, 2, $"{v1.Key} v2", "Generated for the integrity tests", v1.Category, v1.Defaults, Json(Schema), v1.Id, Tick()),
            new TemplateUpdated(v2, $"{v1.Key} v2", "Longer sessions", v1.Category, Json(ReviewedDefaults), Json(Schema), Tick()),
            new TemplatePublished(v2, Tick()));
        Append(session, v1.Id, new TemplateDeprecated(v1.Id, v2, _now));
        Templates[Templates.IndexOf(v1)] = new BulkTemplate(v2, v1.Key, 2, v1.Category, Json(ReviewedDefaults)) { Previous = v1 };
    });

    /// <summary>Beneficiary groups, every third edited.</summary>
    public Task GroupsAsync(int count) => WriteAsync(Enumerable.Range(0, count), (session, i) =>
    {
        var id = Guid.CreateVersion7();
        var created = new BeneficiaryGroupCreated(id, $"Group {i}", i % 2 == 0 ? "Newcomers" : null, i % 4 == 0 ? null : "DE", ["bulk", $"g{i % 5}"], Tick());
        Start<BeneficiaryGroup>(session, id, created);
        if (i % 3 == 0)
        {
            Append(session, id, new BeneficiaryGroupUpdated(id, $"Group {i} (renamed)", "Edited", "AT", ["bulk", "edited"], Tick()));
        }

        Groups.Add(id);
    });

    /// <summary>Programs from the current template versions, round robin over templates and groups, each activated.</summary>
    public Task ProgramsAsync(int count) => WriteAsync(Enumerable.Range(0, count), (session, i) =>
    {
        var template = Templates[i % Templates.Count];
        var id = Guid.CreateVersion7();
        var overrides = Json(i % 3 == 0 ? "{}" : """{"session": {"defaultDurationMinutes": 90}}""");
        Start<ProgramState>(session, id,
            new ProgramCreated(id, $"bulk-program-{i:D4}", $"Bulk program {i}", template.Id, template.Key, template.Version, template.Category,
                Groups[i % Groups.Count], template.Defaults, overrides, ["bulk", template.Category], [4, 8 + (i % 5)], Tick()),
            new ProgramStatusChanged(id, ProgramStatus.Draft, ProgramStatus.Active, Tick()));
        Programs.Add(new BulkProgram(id, template, Groups[i % Groups.Count], overrides));
    });

    /// <summary><paramref name="perProgram"/> campaigns deploying each program (campaign created, deployment on the program's stream).</summary>
    public Task CampaignsAsync(int perProgram) => WriteAsync(Programs.SelectMany(p => Enumerable.Range(0, perProgram).Select(j => (p, j))).ToArray(),
        (session, flow) =>
        {
            var (program, j) = flow;
            var id = Guid.CreateVersion7();
            var n = Campaigns.Count;
            var campaign = new BulkCampaign(id, program)
            {
                Name = $"Campaign {n}",
                TargetEnrollment = 50 + (n % 50),
                MaxEnrollment = 100 + (n % 100),
                Budget = n % 5 == 0 ? null : new Budget(1000m + (n * 12.5m), n % 2 == 0 ? "EUR" : "USD"),
                StartDate = new DateOnly(2027, 1 + (n % 6), 1),
                EndDate = n % 7 == 0 ? null : new DateOnly(2027, 7 + (n % 6), 28),
                Overrides = Json(j % 2 == 0 ? "{}" : """{"session": {"defaultDurationMinutes": 45}}"""),
            };
            var at = Tick();
            Start<CampaignState>(session, id,
                new CampaignCreated(id, program.Id, CompanyId, campaign.Name, campaign.TargetEnrollment, campaign.MaxEnrollment, campaign.Budget,
                    campaign.StartDate, campaign.EndDate, program.Template.Id, program.Template.Version, program.Template.Defaults, program.Overrides,
                    campaign.Overrides, at));
            Append(session, program.Id, new CampaignDeployed(program.Id, id, CompanyId, at));
            program.Campaigns.Add(campaign);
            Campaigns.Add(campaign);
        });

    /// <summary>Edits (name, target, overrides; the inventory stays as reserved) of every <paramref name="every"/>th campaign.</summary>
    public Task UpdateCampaignsAsync(int every) => WriteAsync(Campaigns.Where((_, i) => i % every == 0).ToArray(), (session, c) =>
    {
        c.Name += " (edited)";
        c.TargetEnrollment = Math.Min(c.TargetEnrollment + 10, c.MaxEnrollment);
        c.Overrides = Json("""{"session": {"recommendedFrequency": "biweekly"}}""");
        Append(session, c.Id, new CampaignUpdated(c.Id, c.Name, c.TargetEnrollment, c.MaxEnrollment, c.Budget, c.StartDate, c.EndDate,
            c.Program.Template.Version, c.Program.Template.Defaults, c.Program.Overrides, c.Overrides, Tick()));
    });

    /// <summary>
    /// <paramref name="changesEach"/> probability changes per campaign, back and forth below 90 (no approval opens), written
    /// ten per campaign per round so a transaction stays around two thousand events.
    /// </summary>
    public async Task ProbabilityChangesAsync(IReadOnlyList<BulkCampaign> campaigns, int changesEach)
    {
        for (var done = 0; done < changesEach; done += 10)
        {
            var round = Math.Min(10, changesEach - done);
            await WriteAsync(campaigns, (session, c) =>
            {
                for (var k = 0; k < round; k++)
                {
                    var to = 10 + ((c.Probability + 37) % 80);
                    Append(session, c.Id, new CampaignProbabilityChanged(c.Id, c.Probability, to, Tick()));
                    c.Probability = to;
                }
            });
        }
    }

    /// <summary>
    /// <paramref name="eventsEach"/> events per campaign, alternating an edit (name, target, overrides: a CampaignUpdated
    /// carries all three configuration layers) and a probability change below 90; ten per campaign per round.
    /// </summary>
    public async Task ChurnAsync(IReadOnlyList<BulkCampaign> campaigns, int eventsEach)
    {
        for (var done = 0; done < eventsEach; done += 10)
        {
            var round = Math.Min(10, eventsEach - done);
            var first = done;
            await WriteAsync(campaigns, (session, c) =>
            {
                for (var k = first; k < first + round; k++)
                {
                    if (k % 2 == 0)
                    {
                        c.Name = $"{c.Name.Split(" rev ")[0]} rev {k / 2}";
                        c.TargetEnrollment = 50 + ((c.TargetEnrollment + 7) % 50);
                        c.Overrides = Json(k % 4 == 0 ? """{"session": {"recommendedFrequency": "biweekly"}}""" : """{"session": {"defaultDurationMinutes": 45}}""");
                        Append(session, c.Id, new CampaignUpdated(c.Id, c.Name, c.TargetEnrollment, c.MaxEnrollment, c.Budget, c.StartDate, c.EndDate,
                            c.Program.Template.Version, c.Program.Template.Defaults, c.Program.Overrides, c.Overrides, Tick()));
                    }
                    else
                    {
                        var to = 10 + ((c.Probability + 37) % 80);
                        Append(session, c.Id, new CampaignProbabilityChanged(c.Id, c.Probability, to, Tick()));
                        c.Probability = to;
                    }
                }
            });
        }
    }

    /// <summary>A program migrated to its key's newest version, with every one of its campaigns rebased in the same transaction.</summary>
    public Task MigrateProgramsAsync() => WriteAsync(Programs.Where(p => Templates.Any(t => t.Previous?.Id == p.Template.Id)).ToArray(), (session, p) =>
    {
        var target = Templates.Single(t => t.Previous?.Id == p.Template.Id);
        var at = Tick();
        Append(session, p.Id, new ProgramMigrated(p.Id, p.Template.Id, p.Template.Version, target.Id, target.Version, target.Defaults, p.Overrides, at));
        foreach (var c in p.Campaigns)
        {
            Append(session, c.Id, new CampaignRebased(c.Id, target.Id, target.Version, target.Defaults, p.Overrides, c.Overrides, at));
        }

        p.Template = target;
    });

    /// <summary>The probability crosses 90: the approval and the reservation are opened with it (ApprovalWorkflow.ChangeProbability).</summary>
    public Task CrossAsync(IReadOnlyList<BulkCampaign> campaigns) => WriteAsync(campaigns, (session, c) =>
    {
        var (from, to) = (c.Probability, 90 + (Campaigns.IndexOf(c) % 10));
        var (approval, reservation) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = Tick();
        Append(session, c.Id, new CampaignProbabilityChanged(c.Id, from, to, at));
        Start<ApprovalState>(session, approval, new ApprovalRequested(approval, c.Id, reservation, from, to, at));
        Start<ReservationState>(session, reservation,
            new InventoryReserved(reservation, c.Id, approval, c.MaxEnrollment, c.Budget, c.StartDate, c.EndDate, at));
        Append(session, c.Id, new CampaignApprovalRequested(c.Id, approval, reservation, from, at));
        (c.Probability, c.ProbabilityBefore, c.ApprovalId, c.ReservationId) = (to, from, approval, reservation);
    });

    /// <summary>The reviewer approves: order, reservation converted, campaign won (ApprovalWorkflow.Decide).</summary>
    public Task ApproveAsync(IReadOnlyList<BulkCampaign> campaigns) => WriteAsync(campaigns, (session, c) =>
    {
        var (approval, reservation, order) = (c.ApprovalId!.Value, c.ReservationId!.Value, Guid.CreateVersion7());
        var at = Tick();
        Append(session, approval, new ApprovalApproved(approval, "reviewer-1", c.Budget is null ? null : "fits the budget", order, at));
        Start(session, order, new OrderCreated(order, c.Id, approval, reservation, c.MaxEnrollment, c.Budget, at));
        Append(session, reservation, new ReservationConverted(reservation, order, at));
        Append(session, c.Id, new CampaignWon(c.Id, approval, order, at));
        c.Probability = 100;
    });

    /// <summary>The reviewer rejects: reservation released, probability restored (ApprovalWorkflow.Decide).</summary>
    public Task RejectAsync(IReadOnlyList<BulkCampaign> campaigns) => WriteAsync(campaigns, (session, c) =>
    {
        var (approval, reservation) = (c.ApprovalId!.Value, c.ReservationId!.Value);
        var reason = Campaigns.IndexOf(c) % 2 == 0 ? "over budget" : null;
        var at = Tick();
        Append(session, approval, new ApprovalRejected(approval, "reviewer-2", reason, at));
        Append(session, reservation, new ReservationReleased(reservation, $"approval {approval} rejected" + (reason is null ? string.Empty : $": {reason}"), at));
        Append(session, c.Id, new CampaignApprovalRejected(c.Id, approval, c.ProbabilityBefore, at));
        c.Probability = c.ProbabilityBefore;
    });

    /// <summary>Every <paramref name="every"/>th program paused (after its campaigns were deployed).</summary>
    public Task PauseProgramsAsync(int every) => WriteAsync(Programs.Where((_, i) => i % every == 0).ToArray(), (session, p) =>
        Append(session, p.Id, new ProgramStatusChanged(p.Id, ProgramStatus.Active, ProgramStatus.Paused, Tick())));

    /// <summary>
    /// Enrollments from the three source systems: four in five with a program (and most with one of its campaigns), the
    /// rest legacy (programType only), a third of those linked later by the backfill; one in four completed, one in four withdrawn.
    /// </summary>
    public Task EnrollmentsAsync(int count) => WriteAsync(Enumerable.Range(0, count), (session, i) =>
    {
        var source = SourceSystems.All[i % SourceSystems.All.Count];
        var externalId = $"bulk-event-{i:D5}";
        var id = EnrollmentIds.ForExternalEvent(source, externalId);
        var user = $"bulk-user-{i:D5}";
        var occurred = Tick();
        var program = Programs[i % Programs.Count];
        if (i % 5 != 0)
        {
            var campaign = i % 4 == 3 || program.Campaigns.Count == 0 ? null : program.Campaigns[i % program.Campaigns.Count];
            Start<EnrollmentState>(session, id, new EnrollmentCreated(id, user, CompanyId, program.Template.Category, program.Id, campaign?.Id,
                program.Group, source, externalId, occurred.AddMinutes(-5), occurred));
        }
        else
        {
            Start<EnrollmentState>(session, id, new EnrollmentCreated(id, user, i % 2 == 0 ? CompanyId : null, program.Template.Category, null, null,
                null, source, externalId, occurred.AddHours(-1), occurred));
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

        Enrollments.Add(id);
    });

    private DateTimeOffset Tick() => _now = _now.AddSeconds(1);

    private void Start<TState>(IDocumentSession session, Guid id, params object[] events)
        where TState : class
    {
        session.Events.StartStream<TState>(id, events);
        StreamCount++;
        EventCount += events.Length;
    }

    private void Start(IDocumentSession session, Guid id, params object[] events)
    {
        session.Events.StartStream(id, events);
        StreamCount++;
        EventCount += events.Length;
    }

    private void Append(IDocumentSession session, Guid id, params object[] events)
    {
        session.Events.Append(id, events);
        EventCount += events.Length;
    }

    private async Task WriteAsync<T>(IEnumerable<T> flows, Action<IDocumentSession, T> write)
    {
        foreach (var chunk in flows.Chunk(FlowsPerCommit))
        {
            await using var session = db.Store.LightweightSession();
            foreach (var flow in chunk)
            {
                write(session, flow);
            }

            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }
}

internal sealed record BulkTemplate(Guid Id, string Key, int Version, string Category, JsonElement Defaults)
{
    /// <summary>The version this one deprecated, if any.</summary>
    public BulkTemplate? Previous { get; init; }
}

internal sealed class BulkProgram(Guid id, BulkTemplate template, Guid group, JsonElement overrides)
{
    public Guid Id { get; } = id;

    public BulkTemplate Template { get; set; } = template;

    public Guid Group { get; } = group;

    public JsonElement Overrides { get; } = overrides;

    public List<BulkCampaign> Campaigns { get; } = [];
}

internal sealed class BulkCampaign(Guid id, BulkProgram program)
{
    public Guid Id { get; } = id;

    public BulkProgram Program { get; } = program;

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
}
