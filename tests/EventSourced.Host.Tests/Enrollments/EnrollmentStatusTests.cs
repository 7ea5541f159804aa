using System.Net;
using EventSourced.Domain.Enrollments;
using EventSourced.Host.Tests.Programs;
using EventSourced.Projections.Enrollments;
using EventSourced.Projections.Programs;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary><c>PUT /enrollments/{id}/status</c>: active → completed | withdrawn, nothing else.</summary>
public sealed class EnrollmentStatusTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Completing_an_active_enrollment_is_200_and_withdrawing_it_afterwards_409()
    {
        var (program, enrollment) = await EnrolledAsync();
        var enrolledAt = fixture.Clock.Now;
        fixture.Clock.Now = enrolledAt.AddHours(1);

        var completed = await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", """{"status": "completed"}""");

        completed.Status.ShouldBe(HttpStatusCode.OK, completed.Body);
        completed.As<EnrollmentView>().ShouldBe(enrollment with { Status = "completed", UpdatedAt = enrolledAt.AddHours(1) });
        (await fixture.Host.GetAsync($"/enrollments/{enrollment.Id}")).Body.ShouldBe(completed.Body);
        (await fixture.StreamOfAsync(enrollment.Id)).ShouldBe(["enrollment_created.v1", "enrollment_status_changed.v1"]);

        fixture.Clock.Now = enrolledAt.AddHours(2);
        var withdrawn = await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", """{"status": "withdrawn"}""");

        withdrawn.Status.ShouldBe(HttpStatusCode.Conflict, withdrawn.Body);
        withdrawn.Problem.Title.ShouldBe(EnrollmentDecisions.IllegalTransition);
        withdrawn.Problem.Title.ShouldBe("Illegal status transition");
        withdrawn.Problem.Detail.ShouldBe($"Enrollment {enrollment.Id} is completed; only active enrollments can become completed or withdrawn.");
        (await fixture.Host.GetAsync($"/enrollments/{enrollment.Id}")).Body.ShouldBe(completed.Body);
        (await fixture.StreamOfAsync(enrollment.Id)).ShouldBe(["enrollment_created.v1", "enrollment_status_changed.v1"]);
        program.Id.ShouldBe(enrollment.ProgramId!.Value);
    }

    [Fact]
    public async Task Withdrawing_an_active_enrollment_is_200_and_reactivating_it_409()
    {
        var (_, enrollment) = await EnrolledAsync();

        var withdrawn = await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", """{"status": "withdrawn"}""");
        var reactivated = await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", """{"status": "active"}""");

        withdrawn.Status.ShouldBe(HttpStatusCode.OK, withdrawn.Body);
        withdrawn.As<EnrollmentView>().Status.ShouldBe("withdrawn");
        reactivated.Status.ShouldBe(HttpStatusCode.Conflict, reactivated.Body);
        reactivated.Problem.Title.ShouldBe("Illegal status transition");
        (await fixture.Host.GetAsync($"/enrollments/{enrollment.Id}")).Body.ShouldBe(withdrawn.Body);
    }

    [Fact]
    public async Task The_same_status_again_is_200_and_changes_nothing()
    {
        var (_, enrollment) = await EnrolledAsync();
        var first = await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", """{"status": "completed"}""");
        first.Status.ShouldBe(HttpStatusCode.OK, first.Body);
        fixture.Clock.Now = fixture.Clock.Now.AddMinutes(30);

        var again = await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", """{"status": "completed"}""");

        again.Status.ShouldBe(HttpStatusCode.OK, again.Body);
        again.Body.ShouldBe(first.Body);
        (await fixture.StreamOfAsync(enrollment.Id)).ShouldBe(["enrollment_created.v1", "enrollment_status_changed.v1"]);
    }

    [Fact]
    public async Task Completing_and_withdrawing_at_once_changes_the_status_once()
    {
        var (_, enrollment) = await EnrolledAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", i % 2 == 0 ? """{"status": "completed"}""" : """{"status": "withdrawn"}"""))));

        var report = string.Join("\n", responses.Select(r => $"{r.Status}: {r.Body}"));
        responses.ShouldAllBe(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.Conflict, report);
        (await fixture.StreamOfAsync(enrollment.Id)).ShouldBe(["enrollment_created.v1", "enrollment_status_changed.v1"], report);
        var final = (await fixture.Host.GetAsync($"/enrollments/{enrollment.Id}")).As<EnrollmentView>();
        final.Status.ShouldBeOneOf("completed", "withdrawn");
        responses.Where(r => r.Status == HttpStatusCode.OK).Select(r => r.As<EnrollmentView>()).ShouldAllBe(v => v == final, report);
    }

    [Theory]
    [InlineData("""{"status": "paused"}""")]
    [InlineData("""{"status": ""}""")]
    [InlineData("""{"status": null}""")]
    [InlineData("{}")]
    public async Task An_unknown_or_missing_status_is_400(string body)
    {
        var (_, enrollment) = await EnrolledAsync();

        var response = await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Errors.ShouldNotBeNull(response.Body).Keys.ShouldBe(["status"]);
        (await fixture.Host.GetAsync($"/enrollments/{enrollment.Id}")).As<EnrollmentView>().ShouldBe(enrollment);
    }

    [Fact]
    public async Task An_unknown_status_names_the_allowed_ones()
    {
        var (_, enrollment) = await EnrolledAsync();

        var response = await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", """{"status": "paused"}""");

        response.ErrorLines().ShouldBe(["status: 'status' must be one of: active, completed, withdrawn."]);
    }

    [Fact]
    public async Task An_unknown_enrollment_is_404()
    {
        var unknown = Guid.NewGuid();

        var response = await fixture.Host.PutAsync($"/enrollments/{unknown}/status", """{"status": "completed"}""");

        response.Status.ShouldBe(HttpStatusCode.NotFound, response.Body);
        response.Problem.Title.ShouldBe("Enrollment not found");
        (await fixture.StreamOfAsync(unknown, streams: 0)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("withdrawn")]
    public async Task After_leaving_a_program_the_user_can_enroll_in_it_again(string status)
    {
        var (program, enrollment) = await EnrolledAsync();
        (await fixture.Host.PutAsync($"/enrollments/{enrollment.Id}/status", $$"""{"status": "{{status}}"}""")).Status.ShouldBe(HttpStatusCode.OK);
        var eventId = Unique("buddy-event");
        fixture.Clock.Now = fixture.Clock.Now.AddMinutes(1); // the list is in createdAt order

        var again = await fixture.Host.PostAsync("/enrollments", EnrollmentApiTests.Body(SourceSystems.Buddy, eventId, enrollment.UserId, program.ProgramType));

        again.Status.ShouldBe(HttpStatusCode.Created, again.Body);
        var second = again.As<EnrollmentView>();
        second.ShouldBe(fixture.Expected(IdOf(SourceSystems.Buddy, eventId), enrollment.UserId, null, program.ProgramType, program, SourceSystems.Buddy, eventId));
        (await fixture.EnrollmentsAsync($"userId={enrollment.UserId}&programId={program.Id}")).Select(e => (e.Id, e.Status))
            .ShouldBe([(enrollment.Id, status), (second.Id, "active")]);

        // …and once again active in it, a further event is refused.
        var third = await fixture.Host.PostAsync("/enrollments", EnrollmentApiTests.Body(SourceSystems.Kintell, Unique("k"), enrollment.UserId, program.ProgramType));
        third.Status.ShouldBe(HttpStatusCode.Conflict, third.Body);
    }

    private async Task<(ProgramView Program, EnrollmentView Enrollment)> EnrolledAsync()
    {
        var type = Unique("mentorship");
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, eventId) = (Unique("user"), Unique("kintell-event"));
        var response = await fixture.Host.PostAsync("/enrollments", EnrollmentApiTests.Body(SourceSystems.Kintell, eventId, user, type));
        response.Status.ShouldBe(HttpStatusCode.Created, response.Body);
        var enrollment = response.As<EnrollmentView>();
        enrollment.ShouldBe(fixture.Expected(IdOf(SourceSystems.Kintell, eventId), user, null, type, program, SourceSystems.Kintell, eventId));
        return (program, enrollment);
    }
}
