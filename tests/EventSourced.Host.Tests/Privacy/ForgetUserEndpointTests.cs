using System.Net;
using System.Text.Json;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Privacy;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Privacy;

/// <summary>Issue 19 §4 from the host: <c>DELETE /users/{userId}/personal-data</c> forgets a person everywhere the service
/// keeps them (events, read tables, stored messages), records it, and answers the same way when asked again.</summary>
public sealed class ForgetUserEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_person_is_forgotten_in_the_log_the_tables_and_the_dead_letters()
    {
        var user = Unique("gdpr-user");
        var eventId = Unique("gdpr-event");
        var enrolled = await fixture.Host.PostAsync("/enrollments", $$"""
            {"sourceSystem": "kintell", "externalEventId": "{{eventId}}", "userId": "{{user}}", "programType": "no-such-type",
             "occurredAt": "2026-11-20T10:00:00Z"}
            """);
        enrolled.Status.ShouldBe(HttpStatusCode.Created, enrolled.Body);
        var enrollment = EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, eventId);
        // A malformed event of theirs, kept in the dead letters with their id in its body.
        await fixture.DeliverFailingAsync(SourceEvent(SourceSystems.Kintell, Unique("gdpr-poison"), user, Guid.NewGuid(), "mentorship", occurredAt: null));

        var missingReason = await fixture.Host.DeleteAsync($"/users/{user}/personal-data");
        var erased = await fixture.Host.DeleteAsync($"/users/{user}/personal-data?reason=GDPR%20request%2077");
        var again = await fixture.Host.DeleteAsync($"/users/{user}/personal-data?reason=GDPR%20request%2077");

        missingReason.Status.ShouldBe(HttpStatusCode.BadRequest, missingReason.Body);
        missingReason.Problem.Errors!.Keys.ShouldBe(["reason"]);
        erased.Status.ShouldBe(HttpStatusCode.OK, erased.Body);
        var report = JsonDocument.Parse(erased.Body).RootElement;
        (report.GetProperty("enrollmentsErased").GetInt32(), report.GetProperty("readRowsUpdated").GetInt32(),
            report.GetProperty("messagesDeleted").GetInt32(), report.GetProperty("nothingToErase").GetBoolean()).ShouldBe((1, 1, 1, false));
        again.Status.ShouldBe(HttpStatusCode.OK, again.Body);
        JsonDocument.Parse(again.Body).RootElement.GetProperty("nothingToErase").GetBoolean().ShouldBeTrue();

        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from mt_events where data::text like '%{user}%'")).ShouldBe(0);
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from wolverine_dead_letters where position(convert_to('{user}', 'UTF8') in body) > 0"))
            .ShouldBe(0);
        var view = await fixture.Host.GetAsync($"/enrollments/{enrollment}");
        view.Status.ShouldBe(HttpStatusCode.OK, view.Body);
        JsonDocument.Parse(view.Body).RootElement.GetProperty("userId").GetString().ShouldBe(PersonalData.ErasedUserId(enrollment));
        (await fixture.Host.GetAsync($"/enrollments?userId={user}")).Body.ShouldBe("[]");
        var integrity = JsonDocument.Parse((await fixture.Host.GetAsync("/admin/integrity")).Body).RootElement;
        integrity.GetProperty("isClean").GetBoolean().ShouldBeTrue(integrity.ToString());
    }
}
