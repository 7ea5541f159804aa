using EventSourced.Host.Tests.Messaging;
using System.Net;
using EventSourced.Domain.Enrollments;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Campaigns;
using EventSourced.Projections.Enrollments;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Projections.Programs;
using EventSourced.Projections.Templates;
using EventSourced.Testing;
using Wolverine.Tracking;
using static EventSourced.Host.Tests.Templates.TemplateRequests;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary>Arranges enrollment scenarios through the API and the message bus, and reads what they left behind.</summary>
internal static class EnrollmentSeed
{
    /// <summary>Wolverine compiles a handler on its first message: tracked sessions get a generous timeout.</summary>
    public static readonly TimeSpan TrackingTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long background handling (an HTTP-published event) may take before a poll gives up.</summary>
    public static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(30);

    public static readonly DateTimeOffset OccurredAt = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public const string OccurredAtJson = "2026-11-20T10:00:00Z";

    /// <summary>A slug unique to this test (test classes share a database between their tests): <c>prefix-1a2b3c4d</c>.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>An active template of category <paramref name="programType"/> named <paramref name="templateName"/>, a group,
    /// and an active program <paramref name="programName"/> from them: the program's programType is the category.</summary>
    public static async Task<ProgramView> ActiveProgramOfTypeAsync(this HostFixture fixture, string programType, string templateName, string programName)
    {
        var program = await fixture.DraftProgramOfTypeAsync(programType, templateName, programName);
        var active = await fixture.StatusAsync(program.Id, "active");
        active.ProgramType.ShouldBe(programType);
        return active;
    }

    public static async Task<ProgramView> DraftProgramOfTypeAsync(this HostFixture fixture, string programType, string templateName, string programName)
    {
        var created = await fixture.Host.PostAsync("/templates", $$$"""
            {
              "templateKey": "{{{Unique("tpl")}}}",
              "name": "{{{templateName}}}",
              "category": "{{{programType}}}",
              "defaultConfig": {"session": {"defaultDurationMinutes": 60, "recommendedFrequency": "weekly"}},
              "configSchema": {{{ProgramRequests.Schema}}}
            }
            """);
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        var published = await fixture.Host.PostAsync($"/templates/{created.Template.Id}/publish", PublishKeepingPrevious);
        published.Status.ShouldBe(HttpStatusCode.OK, published.Body);
        var group = await fixture.GroupAsync($"Group of {programName}");
        var program = await fixture.ProgramAsync(published.As<TemplateView>().Id, group.Id, programName);
        program.ProgramType.ShouldBe(programType);
        program.Status.ShouldBe("draft");
        return program;
    }

    /// <summary>A campaign of <paramref name="companyId"/> for <paramref name="programId"/>, won through the 90 % workflow:
    /// probability 0 → 95 opens an approval, approving it wins the campaign.</summary>
    public static async Task<CampaignView> WonCampaignAsync(this HostFixture fixture, Guid programId, Guid companyId)
    {
        var campaign = await fixture.CampaignAsync(programId, companyId);
        var crossed = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}/probability", """{"probability": 95}""");
        crossed.Status.ShouldBe(HttpStatusCode.OK, crossed.Body);
        var approvalId = crossed.As<CampaignView>().ApprovalRequestId.ShouldNotBeNull(crossed.Body);
        var approved = await fixture.Host.PutAsync($"/approvals/{approvalId}",
            """{"action": "approve", "reviewerId": "reviewer-1", "reason": "Budget confirmed"}""");
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Body);
        var won = await fixture.Host.GetAsync($"/campaigns/{campaign.Id}");
        won.Status.ShouldBe(HttpStatusCode.OK, won.Body);
        var view = won.As<CampaignView>();
        view.Status.ShouldBe("won");
        view.CompanyId.ShouldBe(companyId);
        return view;
    }

    /// <summary>The contract message of <paramref name="source"/>, with the fields every source carries and a few of its own.</summary>
    public static IEnrollmentSourceEvent SourceEvent(string source, string? eventId, string? userId, Guid? companyId, string? programType,
        DateTimeOffset? occurredAt) => source switch
        {
            SourceSystems.Kintell => new KintellSessionCompleted(eventId, userId, companyId, programType, occurredAt, "s-77", 60, "mentor-9"),
            SourceSystems.Buddy => new BuddyMatchCreated(eventId, userId, companyId, programType, occurredAt, "m-12", "buddy-3"),
            SourceSystems.Upskilling => new UpskillingCourseEnrolled(eventId, userId, companyId, programType, occurredAt, "c-5", "Intro to Python"),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
        };

    /// <summary>Sends <paramref name="message"/> to its durable local queue and waits until Wolverine has handled it;
    /// fails on any exception.</summary>
    public static Task<ITrackedSession> DeliverAsync(this HostFixture fixture, object message) =>
        fixture.Host.TrackActivity().Timeout(TrackingTimeout).SendMessageAndWaitAsync(message);

    /// <summary>As <see cref="DeliverAsync"/>, for a message whose handling is expected to fail.</summary>
    public static Task<ITrackedSession> DeliverFailingAsync(this HostFixture fixture, object message) =>
        fixture.Host.TrackActivity().Timeout(TrackingTimeout).DoNotAssertOnExceptionsDetected().SendMessageAndWaitAsync(message);

    /// <summary>The handling ran once and succeeded: no failure, no dead letter, no exception.</summary>
    public static void ShouldHaveSucceeded(this ITrackedSession session, int messages = 1)
    {
        session.Status.ShouldBe(TrackingStatus.Completed);
        session.MessageSucceeded.Envelopes().WithoutReminders().Count().ShouldBe(messages);
        session.MessageFailed.Envelopes().ShouldBeEmpty();
        session.MovedToErrorQueue.Envelopes().ShouldBeEmpty();
        session.AllExceptions().ShouldBeEmpty();
    }

    public static Guid IdOf(string source, string eventId) => EnrollmentIds.ForExternalEvent(source, eventId);

    public static async Task<EnrollmentView[]> EnrollmentsAsync(this HostFixture fixture, string query)
    {
        var response = await fixture.Host.GetAsync($"/enrollments?{query}");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return response.As<EnrollmentView[]>();
    }

    public static Task<EnrollmentView[]> EnrollmentsOfAsync(this HostFixture fixture, string userId) =>
        fixture.EnrollmentsAsync($"userId={Uri.EscapeDataString(userId)}");

    /// <summary>An enrollment as the API must show it; timestamps default to the fixture's clock.</summary>
    public static EnrollmentView Expected(this HostFixture fixture, Guid id, string userId, Guid? companyId, string programType, ProgramView? program,
        string source, string eventId, Guid? campaignId = null, string status = "active", DateTimeOffset? createdAt = null, DateTimeOffset? updatedAt = null) =>
        new(id, userId, companyId, programType, program?.Id, campaignId, program?.BeneficiaryGroupId, source, eventId, status, OccurredAt,
            createdAt ?? fixture.Clock.Now, updatedAt ?? createdAt ?? fixture.Clock.Now);

    /// <summary>The runbook's "Check enrollments with program context" query, as written; rows as text (see <see cref="Describe"/>).</summary>
    public static async Task<string[]> RunbookQueryAsync(this HostFixture fixture, string userId) =>
        (await Sql.QueryAsync(fixture.ConnectionString, $"""
            SELECT pe.id, pe.user_id, pe.program_type, pe.program_id, pe.campaign_id, pe.beneficiary_group_id,
                   pe.source_system, pe.status, p.name AS program_name, pt.name AS template_name
            FROM program_enrollments pe
            LEFT JOIN programs p ON p.id = pe.program_id
            LEFT JOIN program_templates pt ON pt.id = p.template_id
            WHERE pe.user_id = '{userId}';
            """)).Select(Describe).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A row of the runbook query as <see cref="RunbookQueryAsync"/> renders it.</summary>
    public static string RunbookRow(Guid id, string userId, string programType, Guid? programId, Guid? campaignId,
        Guid? beneficiaryGroupId, string source, string status, string? programName, string? templateName) =>
        Describe(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["user_id"] = userId,
            ["program_type"] = programType,
            ["program_id"] = programId,
            ["campaign_id"] = campaignId,
            ["beneficiary_group_id"] = beneficiaryGroupId,
            ["source_system"] = source,
            ["status"] = status,
            ["program_name"] = programName,
            ["template_name"] = templateName,
        });

    /// <summary>A row as <c>column=value, …</c> (<c>NULL</c> for nulls), for exact comparison with a readable failure.</summary>
    public static string Describe(Dictionary<string, object?> row) =>
        string.Join(", ", row.Select(c => $"{c.Key}={c.Value ?? "NULL"}"));

    /// <summary>The runbook's dual-write check: an enrollment whose programType disagrees with its program's.</summary>
    public const string DualWriteCheck =
        "SELECT pe.id, pe.program_type, p.program_type AS program_program_type FROM program_enrollments pe " +
        "JOIN programs p ON p.id = pe.program_id WHERE pe.program_type != p.program_type";

    /// <summary>The runbook's coverage query: how many enrollments carry a program.</summary>
    public const string CoverageQuery =
        "SELECT COUNT(*) AS total, COUNT(program_id) AS with_program_id, COUNT(*) - COUNT(program_id) AS legacy_only, " +
        "COUNT(campaign_id) AS with_campaign_id FROM program_enrollments";

    /// <summary>The stored event types (not Marten's tombstones) of one enrollment stream, oldest first, after asserting
    /// how many streams have that id (1, or 0 for "never started").</summary>
    public static async Task<string[]> StreamOfAsync(this HostFixture fixture, Guid id, long streams = 1)
    {
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from mt_streams where id = '{id}'")).ShouldBe(streams, $"streams with id {id}");
        var events = await Sql.QueryAsync(fixture.ConnectionString,
            $"select type from mt_events where stream_id = '{id}' and type <> '{Sql.TombstoneEventType}' order by version");
        return events.Select(e => (string)e["type"]!).ToArray();
    }

    /// <summary>Dead letters whose reason mentions <paramref name="text"/> (e.g. the event id).</summary>
    public static Task<List<Dictionary<string, object?>>> DeadLettersMentioningAsync(this HostFixture fixture, string text) =>
        Sql.QueryAsync(fixture.ConnectionString,
            $"select id, message_type, exception_type, exception_message from wolverine_dead_letters where exception_message like '%{text}%'");

    public static Task<List<Dictionary<string, object?>>> DeadLetterAsync(this HostFixture fixture, Guid envelopeId) =>
        Sql.QueryAsync(fixture.ConnectionString,
            $"select id, message_type, exception_type, exception_message from wolverine_dead_letters where id = '{envelopeId}'");

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds (failing after <see cref="PollTimeout"/>); returns that value.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = default(T)!;
        await Eventually.UntilAsync(async () => done(value = await read()), "the background handling finished", TestContext.Current.CancellationToken,
            PollTimeout);
        return value;
    }
}
