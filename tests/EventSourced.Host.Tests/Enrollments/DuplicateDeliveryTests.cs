using EventSourced.Domain.Enrollments;
using EventSourced.Testing;
using Wolverine;
using Wolverine.Tracking;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary>
/// At-least-once delivery: the same external event arriving twice, one after the other or all at once, enrolls the user
/// once; and a user has at most one active enrollment per program, whichever events carry them there.
/// </summary>
public sealed class DuplicateDeliveryTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int Deliveries = 10;

    [Fact]
    public async Task The_same_event_delivered_twice_enrolls_once()
    {
        var (type, user, eventId) = (Unique("mentorship"), Unique("user"), Unique("kintell-event"));
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var message = SourceEvent(SourceSystems.Kintell, eventId, user, Guid.NewGuid(), type, OccurredAt);
        var id = IdOf(SourceSystems.Kintell, eventId);

        (await fixture.DeliverAsync(message)).ShouldHaveSucceeded();
        var first = await fixture.EnrollmentsOfAsync(user);
        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        fixture.Clock.Now = fixture.Clock.Now.AddMinutes(5); // a second enrollment would show a later createdAt
        (await fixture.DeliverAsync(message)).ShouldHaveSucceeded();

        var enrollment = (await fixture.EnrollmentsOfAsync(user)).ShouldHaveSingleItem();
        enrollment.ShouldBe(first.Single());
        enrollment.Id.ShouldBe(id);
        enrollment.ProgramId.ShouldBe(program.Id);
        (await fixture.StreamOfAsync(id)).ShouldBe(["enrollment_created.v1"]);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events);
        (await RowsOfUserAsync(user)).ShouldBe(1);
    }

    [Fact]
    public async Task Ten_concurrent_deliveries_of_the_same_event_through_the_queue_enroll_once()
    {
        var (type, user, eventId) = (Unique("mentorship"), Unique("user"), Unique("buddy-event"));
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var message = SourceEvent(SourceSystems.Buddy, eventId, user, Guid.NewGuid(), type, OccurredAt);

        var session = await fixture.Host.TrackActivity().Timeout(TrackingTimeout).ExecuteAndWaitAsync(_ =>
            Task.WhenAll(Enumerable.Range(0, Deliveries).Select(_ => fixture.Host.MessageBus().SendAsync(message).AsTask())));

        session.ShouldHaveSucceeded(messages: Deliveries);
        await ShouldHaveEnrolledOnceAsync(user, IdOf(SourceSystems.Buddy, eventId), program.Id, eventId);
    }

    [Fact]
    public async Task Ten_concurrent_invocations_of_the_same_event_enroll_once()
    {
        // InvokeAsync runs the handler pipeline inline on each caller's thread: ten handlers truly overlap, whatever the
        // local queue's parallelism.
        var (type, user, eventId) = (Unique("mentorship"), Unique("user"), Unique("upskilling-event"));
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var message = SourceEvent(SourceSystems.Upskilling, eventId, user, Guid.NewGuid(), type, OccurredAt);
        await WarmUpAsync();

        var session = await fixture.Host.TrackActivity().Timeout(TrackingTimeout).ExecuteAndWaitAsync(_ =>
            Task.WhenAll(Enumerable.Range(0, Deliveries).Select(_ => Task.Run(() =>
                fixture.Host.MessageBus().InvokeAsync(message, TestContext.Current.CancellationToken, TrackingTimeout)))));

        session.MovedToErrorQueue.Envelopes().ShouldBeEmpty();
        session.AllExceptions().ShouldBeEmpty();
        await ShouldHaveEnrolledOnceAsync(user, IdOf(SourceSystems.Upskilling, eventId), program.Id, eventId);
    }

    [Fact]
    public async Task A_second_event_for_the_same_user_and_program_starts_no_stream()
    {
        var (type, user) = (Unique("mentorship"), Unique("user"));
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (firstEvent, secondEvent) = (Unique("kintell-event"), Unique("buddy-event"));
        var logs = EnrollmentLogCapture.AttachTo(fixture);

        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Kintell, firstEvent, user, Guid.NewGuid(), type, OccurredAt))).ShouldHaveSucceeded();
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Buddy, secondEvent, user, Guid.NewGuid(), type, OccurredAt))).ShouldHaveSucceeded();

        var first = IdOf(SourceSystems.Kintell, firstEvent);
        var second = IdOf(SourceSystems.Buddy, secondEvent);
        (await fixture.EnrollmentsOfAsync(user)).Select(e => (e.Id, e.ProgramId, e.Status)).ShouldBe([(first, (Guid?)program.Id, "active")]);
        (await fixture.StreamOfAsync(second, streams: 0)).ShouldBeEmpty();
        (await DeadLettersAsync(secondEvent)).ShouldBe(0);
        logs.LinesMentioning(secondEvent).ShouldBe([
            $"Information: User {user} already has active enrollment {first} in program {program.Id}; no new enrollment for buddy event {secondEvent}",
        ]);
    }

    [Fact]
    public async Task Different_events_for_the_same_user_and_program_arriving_together_make_one_active_enrollment()
    {
        var (type, user) = (Unique("mentorship"), Unique("user"));
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var messages = Enumerable.Range(0, Deliveries)
            .Select(i => SourceEvent(SourceSystems.All[i % 3], Unique($"event{i}"), user, Guid.NewGuid(), type, OccurredAt)).ToArray();
        await WarmUpAsync();

        var session = await fixture.Host.TrackActivity().Timeout(TrackingTimeout).ExecuteAndWaitAsync(_ =>
            Task.WhenAll(messages.Select(m => Task.Run(() =>
                fixture.Host.MessageBus().InvokeAsync(m, TestContext.Current.CancellationToken, TrackingTimeout)))));

        session.MovedToErrorQueue.Envelopes().ShouldBeEmpty();
        session.AllExceptions().ShouldBeEmpty();
        var enrollment = (await fixture.EnrollmentsOfAsync(user)).ShouldHaveSingleItem();
        enrollment.ProgramId.ShouldBe(program.Id);
        enrollment.Status.ShouldBe("active");
        var started = new List<Guid>();
        foreach (var m in messages)
        {
            var id = IdOf(m.SourceSystem, m.EventId!);
            if (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from mt_streams where id = '{id}'") > 0)
            {
                started.Add(id);
            }
        }

        started.ShouldBe([enrollment.Id]);
    }

    [Fact]
    public async Task The_same_event_id_from_two_sources_is_two_events()
    {
        var (type, eventId) = (Unique("mentorship"), Unique("shared-event"));
        var (kintellUser, buddyUser) = (Unique("user"), Unique("user"));
        await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");

        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Kintell, eventId, kintellUser, null, type, OccurredAt))).ShouldHaveSucceeded();
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Buddy, eventId, buddyUser, null, type, OccurredAt))).ShouldHaveSucceeded();

        (await fixture.EnrollmentsOfAsync(kintellUser)).Select(e => e.Id).ShouldBe([IdOf(SourceSystems.Kintell, eventId)]);
        (await fixture.EnrollmentsOfAsync(buddyUser)).Select(e => e.Id).ShouldBe([IdOf(SourceSystems.Buddy, eventId)]);
        IdOf(SourceSystems.Kintell, eventId).ShouldNotBe(IdOf(SourceSystems.Buddy, eventId));
    }

    private async Task ShouldHaveEnrolledOnceAsync(string user, Guid id, Guid programId, string eventId)
    {
        var enrollment = (await fixture.EnrollmentsOfAsync(user)).ShouldHaveSingleItem();
        enrollment.Id.ShouldBe(id);
        enrollment.ProgramId.ShouldBe(programId);
        (await fixture.StreamOfAsync(id)).ShouldBe(["enrollment_created.v1"]);
        (await RowsOfUserAsync(user)).ShouldBe(1);
        (await DeadLettersAsync(eventId)).ShouldBe(0);
    }

    /// <summary>Compiles the handlers (first use) before a race, so the race is between handlers, not code generation.</summary>
    private async Task WarmUpAsync()
    {
        var (type, user) = (Unique("warm-up"), Unique("warm-up-user"));
        foreach (var source in SourceSystems.All)
        {
            await fixture.Host.MessageBus().InvokeAsync(SourceEvent(source, Unique("warm-up"), user, null, type, OccurredAt),
                TestContext.Current.CancellationToken, TrackingTimeout);
        }
    }

    private Task<long> RowsOfUserAsync(string user) =>
        Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from program_enrollments where user_id = '{user}'");

    private Task<long> DeadLettersAsync(string eventId) =>
        Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from wolverine_dead_letters where exception_message like '%{eventId}%' or position(convert_to('{eventId}', 'UTF8') in body) > 0");
}
