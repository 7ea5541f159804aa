using System.Net;
using System.Text.Json;
using EventSourced.Domain.Enrollments;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Enrollments;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary><c>POST /enrollments</c>, <c>GET /enrollments?userId=&amp;programId=&amp;status=</c> and <c>GET /enrollments/{id}</c>.</summary>
public sealed class EnrollmentApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    /// <summary>A direct enrollment request as the README writes it.</summary>
    public static string Body(string source, string eventId, string userId, string programType, Guid? companyId = null) => $$"""
        {
          "sourceSystem": "{{source}}",
          "externalEventId": "{{eventId}}",
          "userId": "{{userId}}",
          "companyId": {{(companyId is { } c ? $"\"{c}\"" : "null")}},
          "programType": "{{programType}}",
          "occurredAt": "{{OccurredAtJson}}"
        }
        """;

    [Fact]
    public async Task Enrolling_returns_201_with_location_and_the_enrollment_and_the_same_request_again_200_with_the_same_one()
    {
        var (type, user, eventId, company) = (Unique("mentorship"), Unique("user"), Unique("k"), Guid.NewGuid());
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var id = IdOf(SourceSystems.Kintell, eventId);
        var body = Body(SourceSystems.Kintell, eventId, user, type, company);

        var created = await fixture.Host.PostAsync("/enrollments", body);

        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        created.Location.ShouldBe($"/enrollments/{id}");
        created.As<EnrollmentView>().ShouldBe(fixture.Expected(id, user, company, type, program, SourceSystems.Kintell, eventId));

        fixture.Clock.Now = fixture.Clock.Now.AddMinutes(1); // a second enrollment would carry a later createdAt
        var again = await fixture.Host.PostAsync("/enrollments", body);

        again.Status.ShouldBe(HttpStatusCode.OK, again.Body);
        again.Location.ShouldBeNull();
        again.Body.ShouldBe(created.Body);
        var read = await fixture.Host.GetAsync(created.Location!);
        read.Status.ShouldBe(HttpStatusCode.OK, read.Body);
        read.Body.ShouldBe(created.Body);
        (await fixture.StreamOfAsync(id)).ShouldBe(["enrollment_created.v1"]);
        (await fixture.EnrollmentsOfAsync(user)).Length.ShouldBe(1);
    }

    [Fact]
    public async Task An_invalid_request_is_400_listing_every_invalid_field()
    {
        var events = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/enrollments", """
            {"sourceSystem": "salesforce", "externalEventId": "sf-1", "programType": "Mentorship Program"}
            """);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Validation failed");
        response.ErrorLines().ShouldBe([
            "occurredAt: 'occurredAt' must not be empty.",
            "programType: 'programType' must be a lowercase slug: letters a-z, digits and single hyphens, starting with a letter or digit.",
            "sourceSystem: 'sourceSystem' must be one of: kintell, buddy, upskilling.",
            "userId: 'userId' must not be empty.",
        ]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
    }

    [Theory]
    [InlineData("{\"sourceSystem\": \"kintell\",", "Malformed JSON")]
    [InlineData("null", "The JSON literal null")]
    [InlineData("""{"sourceSystem": "kintell", "externalEventId": "k-1", "userId": "u", "programType": "mentorship", "occurredAt": "yesterday"}""", "A date that is not one")]
    public async Task A_body_that_is_not_an_enrollment_request_is_400(string body, string because)
    {
        var events = await Sql.EventCountAsync(fixture.ConnectionString);

        var response = await fixture.Host.PostAsync("/enrollments", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, $"{because}: {response.Body}");
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
    }

    [Fact]
    public async Task A_second_event_enrolling_the_user_in_the_same_program_is_409()
    {
        var (type, user) = (Unique("mentorship"), Unique("user"));
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (firstEvent, secondEvent) = (Unique("k"), Unique("b"));
        var first = await fixture.Host.PostAsync("/enrollments", Body(SourceSystems.Kintell, firstEvent, user, type));
        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        var firstId = IdOf(SourceSystems.Kintell, firstEvent);

        var second = await fixture.Host.PostAsync("/enrollments", Body(SourceSystems.Buddy, secondEvent, user, type));

        second.Status.ShouldBe(HttpStatusCode.Conflict, second.Body);
        second.Problem.ShouldSatisfyAllConditions(
            p => p.Title.ShouldBe(EnrollmentDecisions.AlreadyEnrolled),
            p => p.Title.ShouldBe("User already enrolled in program"),
            p => p.Status.ShouldBe(409),
            p => p.Detail.ShouldBe($"User '{user}' already has active enrollment {firstId} in program {program.Id}."));
        using (var json = JsonDocument.Parse(second.Body))
        {
            json.RootElement.GetProperty("enrollmentId").GetGuid().ShouldBe(firstId);
        }

        (await fixture.StreamOfAsync(IdOf(SourceSystems.Buddy, secondEvent), streams: 0)).ShouldBeEmpty();
        (await fixture.EnrollmentsOfAsync(user)).Select(e => e.Id).ShouldBe([firstId]);
    }

    [Fact]
    public async Task The_same_request_ten_times_at_once_creates_one_enrollment()
    {
        var (type, user, eventId) = (Unique("mentorship"), Unique("user"), Unique("k"));
        await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var id = IdOf(SourceSystems.Kintell, eventId);

        var responses = await PostAtOnceAsync(Body(SourceSystems.Kintell, eventId, user, type), 10);

        // Exactly one creation; every other answer is about that same enrollment (see the skipped test below for 409s).
        var report = Report(responses);
        responses.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(1, report);
        responses.Where(r => r.Status != HttpStatusCode.Conflict).Select(r => r.As<EnrollmentView>().Id).Distinct().ShouldBe([id], report);
        responses.Where(r => r.Status == HttpStatusCode.Conflict).Select(EnrollmentIdOf).ShouldAllBe(existing => existing == id, report);
        responses.ShouldAllBe(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.Conflict, report);
        (await fixture.StreamOfAsync(id)).ShouldBe(["enrollment_created.v1"]);
        (await fixture.EnrollmentsOfAsync(user)).Length.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_request_at_once_is_answered_201_once_and_200_otherwise()
    {
        for (var round = 0; round < 5; round++)
        {
            var (type, user, eventId) = (Unique("mentorship"), Unique("user"), Unique("k"));
            await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");

            var responses = await PostAtOnceAsync(Body(SourceSystems.Kintell, eventId, user, type), 20);

            var report = Report(responses);
            responses.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(1, report);
            responses.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(19, report);
        }
    }

    [Fact]
    public async Task Ten_different_events_for_one_user_and_program_at_once_make_one_enrollment_and_nine_409s()
    {
        var (type, user) = (Unique("mentorship"), Unique("user"));
        await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => fixture.Host.PostAsync("/enrollments", Body(SourceSystems.All[i % 3], Unique($"e{i}"), user, type)))));

        var report = Report(responses);
        responses.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(1, report);
        responses.Count(r => r.Status == HttpStatusCode.Conflict && r.Problem.Title == "User already enrolled in program").ShouldBe(9, report);
        var enrollment = (await fixture.EnrollmentsOfAsync(user)).ShouldHaveSingleItem();
        responses.Single(r => r.Status == HttpStatusCode.Created).As<EnrollmentView>().Id.ShouldBe(enrollment.Id);
    }

    [Fact]
    public async Task Legacy_enrollments_hold_no_program_so_a_user_may_have_several()
    {
        var (type, user) = (Unique("no-program-yet"), Unique("user"));
        var (firstEvent, secondEvent) = (Unique("k"), Unique("k"));

        var first = await fixture.Host.PostAsync("/enrollments", Body(SourceSystems.Kintell, firstEvent, user, type));
        var second = await fixture.Host.PostAsync("/enrollments", Body(SourceSystems.Kintell, secondEvent, user, type));

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        second.Status.ShouldBe(HttpStatusCode.Created, second.Body);
        (await fixture.EnrollmentsOfAsync(user)).Select(e => (e.Id, e.ProgramId)).Order().ShouldBe(
            new[] { (IdOf(SourceSystems.Kintell, firstEvent), (Guid?)null), (IdOf(SourceSystems.Kintell, secondEvent), null) }.Order());
    }

    [Fact]
    public async Task Enrollments_are_listed_by_user_program_and_status()
    {
        var start = fixture.Clock.Now;
        var p = await fixture.ActiveProgramOfTypeAsync(Unique("mentorship"), "Template P", $"P {Unique("p")}");
        var q = await fixture.ActiveProgramOfTypeAsync(Unique("buddy"), "Template Q", $"Q {Unique("q")}");
        var legacyType = Unique("legacy");
        var (a, b) = (Unique("user-a"), Unique("user-b"));
        fixture.Clock.Now = start.AddMinutes(1);
        var a1 = await EnrollAsync(SourceSystems.Kintell, a, p.ProgramType);
        fixture.Clock.Now = start.AddMinutes(2);
        var a2 = await EnrollAsync(SourceSystems.Buddy, a, q.ProgramType);
        fixture.Clock.Now = start.AddMinutes(3);
        var completed = await fixture.Host.PutAsync($"/enrollments/{a2.Id}/status", """{"status": "completed"}""");
        completed.Status.ShouldBe(HttpStatusCode.OK, completed.Body);
        a2 = completed.As<EnrollmentView>();
        fixture.Clock.Now = start.AddMinutes(4);
        var a3 = await EnrollAsync(SourceSystems.Upskilling, a, legacyType);
        fixture.Clock.Now = start.AddMinutes(5);
        var b1 = await EnrollAsync(SourceSystems.Kintell, b, p.ProgramType);
        new[] { a1.ProgramId, a2.ProgramId, a3.ProgramId, b1.ProgramId }.ShouldBe([p.Id, q.Id, null, p.Id]);

        (await fixture.EnrollmentsAsync($"userId={a}")).ShouldBe([a1, a2, a3]);
        (await fixture.EnrollmentsAsync($"programId={p.Id}")).ShouldBe([a1, b1]);
        (await fixture.EnrollmentsAsync($"programId={q.Id}")).ShouldBe([a2]);
        (await fixture.EnrollmentsAsync($"userId={a}&status=active")).ShouldBe([a1, a3]);
        (await fixture.EnrollmentsAsync($"userId={a}&status=completed")).ShouldBe([a2]);
        (await fixture.EnrollmentsAsync($"userId={a}&status=COMPLETED")).ShouldBe([a2]);
        (await fixture.EnrollmentsAsync($"userId={a}&status=withdrawn")).ShouldBeEmpty();
        (await fixture.EnrollmentsAsync($"userId={a}&programId={p.Id}&status=active")).ShouldBe([a1]);
        (await fixture.EnrollmentsAsync($"userId={a}&programId={q.Id}&status=active")).ShouldBeEmpty();
        (await fixture.EnrollmentsAsync($"userId={b}&programId={p.Id}")).ShouldBe([b1]);
        (await fixture.EnrollmentsAsync($"userId={b}&programId={q.Id}")).ShouldBeEmpty();
        (await fixture.EnrollmentsAsync($"userId={Unique("nobody")}")).ShouldBeEmpty();
        (await fixture.EnrollmentsAsync($"programId={Guid.NewGuid()}")).ShouldBeEmpty();
        (await fixture.EnrollmentsAsync($"userId={a}&status=")).ShouldBe([a1, a2, a3]);
    }

    [Fact]
    public async Task An_unparseable_program_id_filter_is_400()
    {
        var response = await fixture.Host.GetAsync("/enrollments?programId=not-a-guid");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
    }

    [Fact]
    public async Task An_enrollment_is_read_by_id_and_an_unknown_id_is_404()
    {
        var (type, user, eventId) = (Unique("mentorship"), Unique("user"), Unique("b"));
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var enrollment = await EnrollAsync(SourceSystems.Buddy, user, type, eventId);
        var unknown = Guid.NewGuid();

        var found = await fixture.Host.GetAsync($"/enrollments/{enrollment.Id}");
        var missing = await fixture.Host.GetAsync($"/enrollments/{unknown}");

        found.Status.ShouldBe(HttpStatusCode.OK, found.Body);
        found.As<EnrollmentView>().ShouldBe(fixture.Expected(IdOf(SourceSystems.Buddy, eventId), user, null, type, program, SourceSystems.Buddy, eventId));
        missing.Status.ShouldBe(HttpStatusCode.NotFound, missing.Body);
        missing.Problem.Title.ShouldBe("Enrollment not found");
        missing.Problem.Detail.ShouldBe($"No enrollment with id '{unknown}'.");
    }

    private Task<ApiResponse[]> PostAtOnceAsync(string body, int requests) =>
        Task.WhenAll(Enumerable.Range(0, requests).Select(_ => Task.Run(() => fixture.Host.PostAsync("/enrollments", body))));

    private static string Report(IEnumerable<ApiResponse> responses) => string.Join("\n", responses.Select(r => $"{r.Status}: {r.Body}"));

    private static Guid EnrollmentIdOf(ApiResponse conflict)
    {
        using var json = JsonDocument.Parse(conflict.Body);
        return json.RootElement.GetProperty("enrollmentId").GetGuid();
    }

    private async Task<EnrollmentView> EnrollAsync(string source, string user, string type, string? eventId = null)
    {
        var response = await fixture.Host.PostAsync("/enrollments", Body(source, eventId ?? Unique("e"), user, type));
        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        return response.As<EnrollmentView>();
    }
}
