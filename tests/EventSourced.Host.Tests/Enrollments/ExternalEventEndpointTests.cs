using System.Net;
using EventSourced.Domain.Enrollments;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary>
/// <c>POST /events/{source}</c>: an external event as its producer sends it, accepted with 202 once stored in Wolverine's
/// durable local queue and handled in the background; the enrollment then appears in <c>GET /enrollments</c>.
/// </summary>
public sealed class ExternalEventEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData(SourceSystems.Kintell, "KintellSessionCompleted", """ "sessionId": "s-77", "durationMinutes": 60, "mentorId": "m-1" """)]
    [InlineData(SourceSystems.Buddy, "BuddyMatchCreated", """ "matchId": "m-12", "buddyUserId": "buddy-3" """)]
    [InlineData(SourceSystems.Upskilling, "UpskillingCourseEnrolled", """ "courseId": "c-5", "courseTitle": "Intro to Python" """)]
    public async Task An_event_is_accepted_with_202_and_then_enrolls_the_user(string source, string messageType, string ownFields)
    {
        var type = Unique("mentorship");
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, eventId, company) = (Unique("user"), Unique($"{source}-event"), Guid.NewGuid());

        // Producers may add fields: "schemaVersion" is unknown to the contract and ignored.
        var response = await fixture.Host.PostAsync($"/events/{source}", $$"""
            {"eventId": "{{eventId}}", "userId": "{{user}}", "companyId": "{{company}}", "programType": "{{type}}",
             "occurredAt": "{{OccurredAtJson}}", "schemaVersion": 3, {{ownFields}}}
            """);

        response.Status.ShouldBe(HttpStatusCode.Accepted, response.Body);
        response.Body.ShouldBe($$"""{"source":"{{source}}","eventId":"{{eventId}}","messageType":"{{messageType}}"}""");
        var enrollments = await PollAsync(() => fixture.EnrollmentsOfAsync(user), e => e.Length > 0);
        enrollments.ShouldBe([fixture.Expected(IdOf(source, eventId), user, company, type, program, source, eventId)],
            $"the enrollment of {eventId} within {PollTimeout}");
    }

    [Fact]
    public async Task The_same_event_posted_twice_enrolls_once()
    {
        var type = Unique("mentorship");
        await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, eventId) = (Unique("user"), Unique("kintell-event"));
        var body = $$"""{"eventId": "{{eventId}}", "userId": "{{user}}", "programType": "{{type}}", "occurredAt": "{{OccurredAtJson}}"}""";
        var id = IdOf(SourceSystems.Kintell, eventId);

        (await fixture.Host.PostAsync("/events/kintell", body)).Status.ShouldBe(HttpStatusCode.Accepted);
        (await fixture.Host.PostAsync("/events/kintell", body)).Status.ShouldBe(HttpStatusCode.Accepted);

        // Both are handled once the enrollment exists and the durable inbox holds neither any more.
        var (enrolled, pending) = await PollAsync(async () => ((await fixture.EnrollmentsOfAsync(user)).Length, await PendingAsync(eventId)),
            state => state.Item1 > 0 && state.Item2 == 0);
        (enrolled, pending).ShouldBe((1, 0L), $"{eventId} after {PollTimeout}");
        (await fixture.EnrollmentsOfAsync(user)).Select(e => e.Id).ShouldBe([id]);
        (await fixture.StreamOfAsync(id)).ShouldBe(["enrollment_created.v1"]);
    }

    [Fact]
    public async Task An_unknown_source_is_404()
    {
        var response = await fixture.Host.PostAsync("/events/salesforce", """{"eventId": "sf-1", "userId": "u-1"}""");

        response.Status.ShouldBe(HttpStatusCode.NotFound, response.Body);
        response.Problem.Title.ShouldBe("Unknown source system");
        response.Problem.Detail.ShouldBe("'salesforce' is not one of: kintell, buddy, upskilling.");
    }

    [Theory]
    [InlineData("{\"eventId\": \"k-1\", ", "Malformed JSON")]
    [InlineData("""{"eventId": "k-1", "companyId": "not-a-guid"}""", "A companyId that is no id")]
    [InlineData("""{"eventId": "k-1", "occurredAt": "yesterday"}""", "An occurredAt that is no time")]
    [InlineData("[1, 2]", "An array")]
    public async Task A_body_that_cannot_be_read_as_the_event_is_400(string body, string because)
    {
        var response = await fixture.Host.PostAsync("/events/kintell", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, $"{because}: {response.Body}");
        response.Problem.Title.ShouldBe("Invalid JSON format");
    }

    [Fact]
    public async Task The_json_literal_null_is_400()
    {
        var response = await fixture.Host.PostAsync("/events/buddy", "null");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Invalid request body");
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        var response = await fixture.Host.PostAsync("/events/upskilling");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
    }

    /// <summary>Envelopes of this event still in Wolverine's durable inbox, not yet handled.</summary>
    private Task<long> PendingAsync(string eventId) =>
        Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from wolverine_incoming_envelopes where status <> 'Handled' and position(convert_to('{eventId}', 'UTF8') in body) > 0");
}
