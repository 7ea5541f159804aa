using System.Net;
using System.Text.Json;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Concurrency;

/// <summary>
/// Issue 16: a single aggregate's GET carries its stream version as <c>ETag</c>; a write sent with <c>If-Match</c> is decided
/// only if the stream is still there (412 with the current version otherwise, nothing appended), and answers with the new
/// <c>ETag</c>. Every single-aggregate write endpoint, each against a resource of its own.
/// </summary>
public sealed class ConditionalWriteTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly Guid Company = new("2f1e7a2c-0000-4000-8000-0000000000c2");

    public static TheoryData<string> Writes => ["template update", "template publish", "template archive", "program status", "campaign update",
        "campaign probability", "approval decision", "enrollment status", "group update"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_with_the_current_ETag_is_decided_and_one_with_a_stale_ETag_is_refused_with_412(string write)
    {
        var (resource, method, path, body) = await ArrangeAsync(write);
        var read = await fixture.Host.GetAsync(resource);
        read.Status.ShouldBe(HttpStatusCode.OK, read.Body);
        var seen = Version(read.ETag);

        var written = await SendAsync(method, path, body, $"\"{seen}\"");
        written.Status.ShouldBe(HttpStatusCode.OK, written.Body);
        var now = Version(written.ETag);
        now.ShouldBeGreaterThan(seen);
        Version((await fixture.Host.GetAsync(resource)).ETag).ShouldBe(now);

        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var stale = await SendAsync(method, path, body, $"\"{seen}\"");
        stale.Status.ShouldBe(HttpStatusCode.PreconditionFailed, stale.Body);
        stale.Problem.Title.ShouldBe("Stream version mismatch");
        var problem = JsonDocument.Parse(stale.Body).RootElement;
        problem.GetProperty("expectedVersion").GetInt64().ShouldBe(seen);
        problem.GetProperty("currentVersion").GetInt64().ShouldBe(now);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events, "a refused precondition appends nothing");
    }

    [Fact]
    public async Task If_Match_is_optional_star_matches_anything_and_a_malformed_one_is_a_400_naming_the_header()
    {
        var (resource, _, path, _) = await ArrangeAsync("group update");

        (await fixture.Host.PutAsync(path, """{"name": "no precondition"}""")).Status.ShouldBe(HttpStatusCode.OK);
        var any = await fixture.Host.PutAsync(path, """{"name": "any version"}""", ifMatch: "*");
        any.Status.ShouldBe(HttpStatusCode.OK, any.Body);
        Version(any.ETag).ShouldBe(Version((await fixture.Host.GetAsync(resource)).ETag));

        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var malformed = await fixture.Host.PutAsync(path, """{"name": "malformed"}""", ifMatch: "3");
        malformed.Status.ShouldBe(HttpStatusCode.BadRequest, malformed.Body);
        malformed.Problem.Errors.ShouldNotBeNull().ShouldContainKey("If-Match");
        var weak = await fixture.Host.PutAsync(path, """{"name": "weak"}""", ifMatch: $"W/{any.ETag}");
        weak.Status.ShouldBe(HttpStatusCode.PreconditionFailed, weak.Body);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
    }

    [Fact]
    public async Task A_creation_answers_with_the_ETag_of_the_new_stream()
    {
        var key = $"etag-new-{Guid.NewGuid():N}"[..21];
        var template = await fixture.Host.PostAsync("/templates", TemplateRequests.Create(key));
        var group = await fixture.Host.PostAsync("/beneficiary-groups", $$"""{"name": "{{key}} group", "region": "DE"}""");
        var programId = await ProgramAsync($"{key}-p");
        var campaignId = await CampaignAsync($"{key}-c");

        foreach (var created in new[] { template, group })
        {
            created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
            Version(created.ETag).ShouldBe(Version((await fixture.Host.GetAsync(created.Location!)).ETag));
        }

        Version((await fixture.Host.GetAsync($"/programs/{programId}")).ETag).ShouldBe(1);
        Version((await fixture.Host.GetAsync($"/campaigns/{campaignId}")).ETag).ShouldBe(1);
    }

    [Fact]
    public async Task If_Match_on_a_resource_that_does_not_exist_is_a_404()
    {
        var missing = await fixture.Host.PutAsync($"/beneficiary-groups/{Guid.NewGuid()}", """{"name": "nobody"}""", ifMatch: "\"1\"");

        missing.Status.ShouldBe(HttpStatusCode.NotFound, missing.Body);
    }

    private Task<ApiResponse> SendAsync(string method, string path, string? body, string ifMatch) =>
        method == "PUT" ? fixture.Host.PutAsync(path, body!, ifMatch) : fixture.Host.PostAsync(path, body, ifMatch);

    private static long Version(string? etag)
    {
        etag.ShouldNotBeNull("the response carries an ETag");
        etag.ShouldStartWith("\"");
        return long.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A resource of its own for <paramref name="write"/>: the URL to read it, and the write (method, path, body).</summary>
    private async Task<(string Resource, string Method, string Path, string? Body)> ArrangeAsync(string write)
    {
        var (resource, method, path, body) = await ArrangeResourceAsync(write);
        return (resource, method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, resource[(resource.LastIndexOf('/') + 1)..]), body);
    }

    private async Task<(string Resource, string Method, string Path, string? Body)> ArrangeResourceAsync(string write)
    {
        var key = $"etag-{Guid.NewGuid():N}"[..17];
        switch (write)
        {
            case "template update":
                return ($"/templates/{await CreatedAsync("/templates", TemplateRequests.Create(key))}", "PUT", "/templates/{0}", """{"name": "Renamed"}""");
            case "template publish":
                return ($"/templates/{await CreatedAsync("/templates", TemplateRequests.Create(key))}", "POST", "/templates/{0}/publish", null);
            case "template archive":
                return ($"/templates/{await CreatedAsync("/templates", TemplateRequests.Create(key))}", "POST", "/templates/{0}/archive", null);
            case "group update":
                return ($"/beneficiary-groups/{await GroupAsync(key)}", "PUT", "/beneficiary-groups/{0}", """{"name": "Renamed group"}""");
            case "program status":
                return ($"/programs/{await ProgramAsync(key)}", "PUT", "/programs/{0}/status", """{"status": "active"}""");
            case "campaign update":
                return ($"/campaigns/{await CampaignAsync(key)}", "PUT", "/campaigns/{0}", """{"name": "Renamed campaign"}""");
            case "campaign probability":
                return ($"/campaigns/{await CampaignAsync(key)}", "PUT", "/campaigns/{0}/probability", ApprovalRequests.Probability(40));
            case "approval decision":
                var crossed = await fixture.Host.PutAsync($"/campaigns/{await CampaignAsync(key)}/probability", ApprovalRequests.Probability(92));
                crossed.Status.ShouldBe(HttpStatusCode.OK, crossed.Body);
                var approval = JsonDocument.Parse(crossed.Body).RootElement.GetProperty("approvalRequestId").GetGuid();
                return ($"/approvals/{approval}", "PUT", "/approvals/{0}", ApprovalRequests.Approve());
            case "enrollment status":
                var enrollment = await CreatedAsync("/enrollments",
                    $$"""{"sourceSystem": "buddy", "externalEventId": "{{key}}", "userId": "{{key}}-user", "programType": "mentorship", "occurredAt": "2026-11-20T10:00:00Z"}""");
                return ($"/enrollments/{enrollment}", "PUT", "/enrollments/{0}/status", """{"status": "completed"}""");
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, null);
        }
    }

    private async Task<Guid> CreatedAsync(string path, string body)
    {
        var response = await fixture.Host.PostAsync(path, body);
        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetGuid();
    }

    private Task<Guid> GroupAsync(string key) => CreatedAsync("/beneficiary-groups", $$"""{"name": "{{key}} group", "region": "DE"}""");

    private async Task<Guid> ProgramAsync(string key)
    {
        var template = await CreatedAsync("/templates", TemplateRequests.Create(key));
        (await fixture.Host.PostAsync($"/templates/{template}/publish")).Status.ShouldBe(HttpStatusCode.OK);
        return await CreatedAsync("/programs", $$"""{"templateId": "{{template}}", "name": "{{key}} program", "beneficiaryGroupId": "{{await GroupAsync(key)}}"}""");
    }

    private async Task<Guid> CampaignAsync(string key)
    {
        var program = await ProgramAsync(key);
        (await fixture.Host.PutAsync($"/programs/{program}/status", """{"status": "active"}""")).Status.ShouldBe(HttpStatusCode.OK);
        return await CreatedAsync("/campaigns",
            $$"""{"programId": "{{program}}", "companyId": "{{Company}}", "name": "{{key}} campaign", "targetEnrollment": 10, "maxEnrollment": 20}""");
    }
}
