using EventSourced.Host.Tests.Messaging;
using System.Net;
using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary>
/// A malformed external event cannot succeed on retry: Wolverine moves it straight to the dead-letter storage
/// (<c>wolverine_dead_letters</c>) with every offending field as the reason, and no enrollment is created.
/// </summary>
public sealed class DeadLetterTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string InvalidEventException = typeof(InvalidEnrollmentEventException).FullName!;

    [Theory]
    [InlineData(SourceSystems.Kintell)]
    [InlineData(SourceSystems.Buddy)]
    [InlineData(SourceSystems.Upskilling)]
    public async Task An_event_without_user_and_time_is_dead_lettered_with_the_reason(string source)
    {
        var type = Unique("mentorship");
        await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var eventId = Unique($"{source}-event");
        var message = SourceEvent(source, eventId, userId: null, Guid.NewGuid(), type, occurredAt: null);

        var session = await fixture.DeliverFailingAsync(message);

        var envelope = session.MovedToErrorQueue.Envelopes().ShouldHaveSingleItem();
        envelope.Message.ShouldBe(message);
        session.MessageSucceeded.Envelopes().WithoutReminders().ShouldBeEmpty();
        session.AllExceptions().ShouldHaveSingleItem().ShouldBeOfType<InvalidEnrollmentEventException>();
        var reason = $"Invalid {source} event '{eventId}': userId: 'userId' must not be empty.; occurredAt: 'occurredAt' must not be empty.";
        var deadLetter = (await fixture.DeadLetterAsync(envelope.Id)).ShouldHaveSingleItem();
        deadLetter["exception_type"].ShouldBe(InvalidEventException);
        deadLetter["exception_message"].ShouldBe(reason);
        deadLetter["message_type"].ShouldBe(envelope.MessageType);
        envelope.MessageType.ShouldBe(source switch // the contract's wire name and version ([MessageIdentity])
        {
            SourceSystems.Kintell => "kintell.session.completed.V1",
            SourceSystems.Buddy => "buddy.match.created.V1",
            _ => "upskilling.course.enrolled.V1",
        });
        await ShouldHaveNoEnrollmentAsync(source, eventId);
    }

    [Fact]
    public async Task Every_offending_field_is_named_in_the_reason()
    {
        var eventId = Unique("kintell-event");
        var message = new KintellSessionCompleted(eventId, "  ", Guid.Empty, "Mentorship Program", OccurredAt, "s-1", 60, "mentor-1");

        var session = await fixture.DeliverFailingAsync(message);

        var envelope = session.MovedToErrorQueue.Envelopes().ShouldHaveSingleItem();
        (await fixture.DeadLetterAsync(envelope.Id)).ShouldHaveSingleItem()["exception_message"].ShouldBe(
            $"Invalid kintell event '{eventId}': userId: 'userId' must not be empty.; companyId: 'companyId' must not be an empty id.; " +
            "programType: 'programType' must be a lowercase slug: letters a-z, digits and single hyphens, starting with a letter or digit.");
        await ShouldHaveNoEnrollmentAsync(SourceSystems.Kintell, eventId);
    }

    [Fact]
    public async Task An_event_without_its_id_is_dead_lettered()
    {
        var user = Unique("user");
        var message = new BuddyMatchCreated(null, user, null, "mentorship", OccurredAt, "m-1", "buddy-1");

        var session = await fixture.DeliverFailingAsync(message);

        var envelope = session.MovedToErrorQueue.Envelopes().ShouldHaveSingleItem();
        var deadLetter = (await fixture.DeadLetterAsync(envelope.Id)).ShouldHaveSingleItem();
        deadLetter["exception_type"].ShouldBe(InvalidEventException);
        deadLetter["exception_message"].ShouldBeOfType<string>().ShouldSatisfyAllConditions(
            m => m.ShouldStartWith("Invalid buddy event '': "),
            m => m.ShouldEndWith("eventId: 'eventId' must not be empty."));
        (await fixture.EnrollmentsOfAsync(user)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_reason_for_a_missing_event_id_names_the_wire_field()
    {
        var message = new BuddyMatchCreated(null, Unique("user"), null, "mentorship", OccurredAt, "m-1", "buddy-1");

        var session = await fixture.DeliverFailingAsync(message);

        var envelope = session.MovedToErrorQueue.Envelopes().ShouldHaveSingleItem();
        (await fixture.DeadLetterAsync(envelope.Id)).ShouldHaveSingleItem()["exception_message"]
            .ShouldBe("Invalid buddy event '': eventId: 'eventId' must not be empty.");
    }

    [Fact]
    public async Task A_malformed_event_posted_over_http_is_refused_at_once_naming_every_field_and_nothing_is_queued()
    {
        var eventId = Unique("kintell-event");
        var inboxBefore = await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where {Inbox.ExceptReminders}");

        var response = await fixture.Host.PostAsync("/events/kintell", $$"""
            {"eventId": "{{eventId}}", "companyId": "{{Guid.NewGuid()}}", "programType": "mentorship", "sessionId": "s-77", "durationMinutes": 60}
            """);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Errors!.Keys.ShouldBe(["userId", "occurredAt"], ignoreOrder: true);
        response.Problem.Errors["userId"].ShouldBe(["'userId' must not be empty."]);
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where {Inbox.ExceptReminders}")).ShouldBe(inboxBefore);
        (await fixture.DeadLettersMentioningAsync(eventId)).ShouldBeEmpty();
        await ShouldHaveNoEnrollmentAsync(SourceSystems.Kintell, eventId);
    }

    [Fact]
    public async Task A_valid_event_after_a_dead_lettered_one_is_still_handled()
    {
        var type = Unique("mentorship");
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, badEvent, goodEvent) = (Unique("user"), Unique("buddy-event"), Unique("buddy-event"));

        (await fixture.DeliverFailingAsync(SourceEvent(SourceSystems.Buddy, badEvent, user, null, type, occurredAt: null)))
            .MovedToErrorQueue.Envelopes().ShouldHaveSingleItem();
        (await fixture.DeliverAsync(SourceEvent(SourceSystems.Buddy, goodEvent, user, null, type, OccurredAt))).ShouldHaveSucceeded();

        (await fixture.EnrollmentsOfAsync(user)).ShouldBe([
            fixture.Expected(IdOf(SourceSystems.Buddy, goodEvent), user, null, type, program, SourceSystems.Buddy, goodEvent),
        ]);
    }

    private async Task ShouldHaveNoEnrollmentAsync(string source, string eventId)
    {
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from program_enrollments where external_event_id = '{eventId}'")).ShouldBe(0);
        (await fixture.StreamOfAsync(IdOf(source, eventId), streams: 0)).ShouldBeEmpty();
    }
}
