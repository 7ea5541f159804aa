using System.Net;
using System.Text.Json;
using EventSourced.Domain.Enrollments;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Host.Tests.Campaigns;
using EventSourced.Host.Tests.Programs;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Tenancy;

/// <summary>
/// Tenant isolation over HTTP, across every resource type: tenant b can neither read, list, change nor reference tenant a's
/// resources, and learns nothing of them (404, exactly as for an id that exists nowhere; never 403 or 409); a's events and
/// rows are unchanged after b's attempts; ids derived from client data may repeat across tenants. Run with conjoined
/// tenancy and with a database per tenant.
/// </summary>
public abstract class TenantIsolationOverHttpTests<TFixture>(TFixture fixture)
    where TFixture : TenantHostFixture
{
    private TenantClient A => fixture.A;

    private TenantClient B => fixture.B;

    [Fact]
    public async Task Another_tenant_cannot_read_list_change_or_reference_a_tenants_resources()
    {
        var a = await TenantWorkload.RunAsync(A, "iso-a");
        var (eventsOfA, rowsOfA) = (await fixture.EventCountAsync("a"), await RowsAsync("a"));
        eventsOfA.ShouldBeGreaterThan(10);
        var nowhere = Guid.NewGuid();

        foreach (var (path, _) in Reads(a))
        {
            var response = await B.GetAsync(path);
            response.Status.ShouldBe(HttpStatusCode.NotFound, $"GET {path}: {response.Body}");
            await ShouldLookLikeNothingAsync(response, $"GET {path}", path.Replace(IdIn(path, a).ToString(), nowhere.ToString(), StringComparison.Ordinal), "GET");
        }

        foreach (var (method, path, body) in Writes(a))
        {
            var response = await B.SendAsync(method, path, body);
            response.Status.ShouldBe(HttpStatusCode.NotFound, $"{method} {path}: {response.Body}");
            await ShouldLookLikeNothingAsync(response, $"{method} {path}", path.Replace(IdIn(path, a).ToString(), nowhere.ToString(), StringComparison.Ordinal),
                method, body);
        }

        // A reference to another tenant's resource in a body is refused like a reference to nothing at all.
        var group = await B.IdOfAsync(B.PostAsync("/beneficiary-groups", """{"name": "Group of b"}"""));
        await ShouldBeRefusedLikeNothingAsync("/programs", ProgramRequests.Create(a.Template, group, "Program of b"),
            ProgramRequests.Create(nowhere, group, "Program of b"));
        await ShouldBeRefusedLikeNothingAsync("/programs", ProgramRequests.Create(a.Template, a.Group, "Program of b"),
            ProgramRequests.Create(nowhere, nowhere, "Program of b"));
        await ShouldBeRefusedLikeNothingAsync("/campaigns", CampaignRequests.Create(a.Program, Guid.NewGuid()), CampaignRequests.Create(nowhere, Guid.NewGuid()));
        var migrate = await B.PostAsync($"/programs/{nowhere}/migrate", ProgramRequests.Migrate(a.Template));
        migrate.Status.ShouldBe(HttpStatusCode.NotFound);

        var lists = new Dictionary<string, Guid[]>
        {
            ["/templates"] = [a.Template],
            ["/templates?category=mentorship&status=active"] = [a.Template],
            ["/beneficiary-groups"] = [a.Group],
            ["/programs"] = [a.Program],
            [$"/programs?beneficiaryGroupId={a.Group}"] = [a.Program],
            ["/campaigns"] = [a.Campaign],
            [$"/campaigns?programId={a.Program}"] = [a.Campaign],
            ["/approvals?status=pending"] = [a.Approval],
            [$"/approvals?campaignId={a.Campaign}"] = [a.Approval],
            [$"/enrollments?userId={a.UserId}"] = [a.ExternalEnrollment],
            ["/enrollments"] = [a.ExternalEnrollment, a.DirectEnrollment],
        };
        foreach (var (path, ofA) in lists)
        {
            (await A.IdsAsync(path)).ShouldContain(ofA[0], path); // the list does show them to a
            (await B.IdsAsync(path)).Intersect(ofA).ShouldBeEmpty(path);
        }

        (await fixture.EventCountAsync("a")).ShouldBe(eventsOfA);
        (await RowsAsync("a")).ShouldBe(rowsOfA);
    }

    [Fact]
    public async Task The_workflow_health_and_the_integrity_report_show_only_the_callers_tenant()
    {
        await TenantWorkload.RunAsync(A, "health-a");

        var ofA = JsonDocument.Parse((await A.GetAsync("/api/workflow/health")).Body).RootElement.GetProperty("checks").GetProperty("workflows")
            .GetProperty("metrics");
        var ofB = JsonDocument.Parse((await B.GetAsync("/api/workflow/health")).Body).RootElement.GetProperty("checks").GetProperty("workflows")
            .GetProperty("metrics");
        ofA.GetProperty("pendingApprovals").GetInt32().ShouldBeGreaterThan(0);
        ofB.GetProperty("pendingApprovals").GetInt64().ShouldBe(await PendingOfAsync("b"));

        var reportOfA = JsonDocument.Parse((await A.GetAsync("/admin/integrity")).Body).RootElement;
        var reportOfB = JsonDocument.Parse((await B.GetAsync("/admin/integrity")).Body).RootElement;
        reportOfA.GetProperty("tenantId").GetString().ShouldBe("a");
        reportOfA.GetProperty("isClean").GetBoolean().ShouldBeTrue();
        reportOfB.GetProperty("tenantId").GetString().ShouldBe("b");
        foreach (var table in reportOfB.GetProperty("tables").EnumerateArray())
        {
            var name = table.GetProperty("table").GetString()!;
            table.GetProperty("actualRows").GetInt64().ShouldBe(
                await Sql.ScalarAsync(fixture.ConnectionStringOf("b"), $"select count(*) from {name} where tenant_id = 'b'"), name);
        }
    }

    [Fact]
    public async Task Client_derived_ids_and_keys_may_repeat_across_tenants()
    {
        var templateOfA = await A.IdOfAsync(A.PostAsync("/templates", TemplateRequests.Create("same-key")));
        var templateOfB = await B.IdOfAsync(B.PostAsync("/templates", TemplateRequests.Create("same-key"))); // 201, not 409
        (await B.IdsAsync("/templates")).ShouldContain(templateOfB);
        (await B.IdsAsync("/templates")).ShouldNotContain(templateOfA);

        const string body = """{"eventId": "same-event", "userId": "%USER%", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""";
        (await A.PostAsync("/events/kintell", body.Replace("%USER%", "user-of-a", StringComparison.Ordinal))).Status.ShouldBe(HttpStatusCode.Accepted);
        (await B.PostAsync("/events/kintell", body.Replace("%USER%", "user-of-b", StringComparison.Ordinal))).Status.ShouldBe(HttpStatusCode.Accepted);
        var id = EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, "same-event");

        foreach (var (tenant, user) in new[] { (A, "user-of-a"), (B, "user-of-b") })
        {
            var enrollment = await Enrollments.EnrollmentSeed.PollAsync(() => tenant.GetAsync($"/enrollments/{id}"), r => r.Status == HttpStatusCode.OK);
            enrollment.Status.ShouldBe(HttpStatusCode.OK, enrollment.Body);
            JsonDocument.Parse(enrollment.Body).RootElement.GetProperty("userId").GetString().ShouldBe(user);
        }
    }

    [Fact]
    public async Task An_identity_without_a_tenant_is_refused_with_403_and_the_refusal_is_audited()
    {
        var nobody = fixture.ClientOf(null);

        foreach (var (method, path) in new[] { ("GET", "/templates"), ("POST", "/templates"), ("GET", "/api/workflow/health"), ("GET", "/admin/integrity") })
        {
            var response = await nobody.SendAsync(method, path, TemplateRequests.Create("no-tenant"));
            response.Status.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path}: {response.Body}");
            response.Problem.Title.ShouldBe("No tenant");
            response.Problem.Detail!.ShouldContain("'tenant_id' claim");
        }

        (await new TenantClient(fixture.Host, token: null).GetAsync("/templates")).Status.ShouldBe(HttpStatusCode.Unauthorized); // no token at all
        (await nobody.GetAsync("/health/live")).Status.ShouldBe(HttpStatusCode.OK); // not an API endpoint
        (await Sql.ScalarAsync(fixture.ConnectionString,
            "select count(*) from authorization_audit where status = 403 and user_id = 'user-of-nobody' and reason like '%tenant_id%'")).ShouldBe(4);
        (await Sql.ScalarAsync(fixture.ConnectionStringOf("a"), "select count(*) from program_templates where template_key = 'no-tenant'")).ShouldBe(0);
    }

    /// <summary>Every read of one of a's resources, by its path (with the id it names).</summary>
    private static IEnumerable<(string Path, Guid Id)> Reads(TenantWorkload a) =>
    [
        ($"/templates/{a.Template}", a.Template),
        ($"/beneficiary-groups/{a.Group}", a.Group),
        ($"/programs/{a.Program}", a.Program),
        ($"/programs/{a.Program}/config", a.Program),
        ($"/campaigns/{a.Campaign}", a.Campaign),
        ($"/campaigns/{a.Campaign}/config", a.Campaign),
        ($"/approvals/{a.Approval}", a.Approval),
        ($"/enrollments/{a.ExternalEnrollment}", a.ExternalEnrollment),
        ($"/enrollments/{a.DirectEnrollment}", a.DirectEnrollment),
    ];

    /// <summary>Every change of one of a's resources, with a body that would be accepted in a's own tenant.</summary>
    private static IEnumerable<(string Method, string Path, string Body)> Writes(TenantWorkload a) =>
    [
        ("PUT", $"/templates/{a.Template}", """{"name": "taken over"}"""),
        ("POST", $"/templates/{a.Template}/publish", TemplateRequests.PublishDeprecatingPrevious),
        ("POST", $"/templates/{a.Template}/versions", "{}"),
        ("POST", $"/templates/{a.Template}/archive", "{}"),
        ("PUT", $"/beneficiary-groups/{a.Group}", """{"name": "taken over"}"""),
        ("PUT", $"/programs/{a.Program}/status", ProgramRequests.Status("paused")),
        ("POST", $"/programs/{a.Program}/migrate", ProgramRequests.Migrate(a.Template)),
        ("PUT", $"/campaigns/{a.Campaign}", """{"name": "taken over"}"""),
        ("PUT", $"/campaigns/{a.Campaign}/probability", ApprovalRequests.Probability(10)),
        ("PUT", $"/approvals/{a.Approval}", ApprovalRequests.Approve()),
        ("PUT", $"/enrollments/{a.ExternalEnrollment}/status", """{"status": "withdrawn"}"""),
        ("PUT", $"/enrollments/{a.DirectEnrollment}/status", """{"status": "completed"}"""),
    ];

    private static Guid IdIn(string path, TenantWorkload a) =>
        new[] { a.Template, a.Group, a.Program, a.Campaign, a.Approval, a.ExternalEnrollment, a.DirectEnrollment }.First(id => path.Contains(id.ToString(), StringComparison.Ordinal));

    /// <summary>B's answer about a's resource is the answer about an id that exists nowhere, but for the id itself.</summary>
    private async Task ShouldLookLikeNothingAsync(ApiResponse response, string what, string nowherePath, string method, string body = "{}")
    {
        var nothing = await B.SendAsync(method, nowherePath, body);
        response.Status.ShouldBe(nothing.Status, what);
        response.Problem.Title.ShouldBe(nothing.Problem.Title, what);
    }

    private async Task ShouldBeRefusedLikeNothingAsync(string path, string referencingA, string referencingNothing)
    {
        var refused = await B.PostAsync(path, referencingA);
        var nothing = await B.PostAsync(path, referencingNothing);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest, refused.Body);
        refused.Status.ShouldBe(nothing.Status);
        refused.Problem.Title.ShouldBe(nothing.Problem.Title);
    }

    private Task<long> PendingOfAsync(string tenant) =>
        Sql.ScalarAsync(fixture.ConnectionStringOf(tenant), $"select count(*) from campaign_approvals where tenant_id = '{tenant}' and status = 'pending'");

    /// <summary>Every row of the tenant in every read table, as text.</summary>
    private async Task<string> RowsAsync(string tenant)
    {
        var rows = new List<string>();
        foreach (var table in Projections.ReadTables.ReadTableCatalog.TableNames)
        {
            rows.AddRange((await Sql.QueryAsync(fixture.ConnectionStringOf(tenant), $"select t::text as row from {table} t where tenant_id = '{tenant}' order by id"))
                .Select(r => $"{table}: {r["row"]}"));
        }

        return string.Join('\n', rows);
    }
}

public sealed class ConjoinedTenantIsolationOverHttpTests(ConjoinedHostFixture fixture)
    : TenantIsolationOverHttpTests<ConjoinedHostFixture>(fixture), IClassFixture<ConjoinedHostFixture>;

public sealed class DatabaseTenantIsolationOverHttpTests(DatabaseHostFixture fixture)
    : TenantIsolationOverHttpTests<DatabaseHostFixture>(fixture), IClassFixture<DatabaseHostFixture>
{
    private readonly DatabaseHostFixture _fixture = fixture;

    [Fact]
    public async Task A_tenant_without_a_database_here_is_refused_with_403()
    {
        var response = await _fixture.ClientOf("c").GetAsync("/templates");

        response.Status.ShouldBe(HttpStatusCode.Forbidden, response.Body);
        response.Problem.Detail.ShouldBe("Tenant 'c' is not served by this host.");
    }

    [Fact]
    public async Task Wolverine_keeps_its_node_tables_in_the_main_database_and_the_tenants_events_stay_in_theirs()
    {
        await _fixture.A.IdOfAsync(_fixture.A.PostAsync("/templates", TemplateRequests.Create("where-are-events")));

        (await Sql.ScalarAsync(_fixture.ConnectionString, "select count(*) from information_schema.tables where table_name = 'mt_events'")).ShouldBe(0);
        (await Sql.ScalarAsync(_fixture.ConnectionString, "select count(*) from information_schema.tables where table_name = 'wolverine_nodes'"))
            .ShouldBe(1);
        (await Sql.ScalarAsync(_fixture.ConnectionStringOf("a"), "select count(*) from program_templates where template_key = 'where-are-events'")).ShouldBe(1);
        (await Sql.ScalarAsync(_fixture.ConnectionStringOf("b"), "select count(*) from program_templates where template_key = 'where-are-events'")).ShouldBe(0);
    }
}
