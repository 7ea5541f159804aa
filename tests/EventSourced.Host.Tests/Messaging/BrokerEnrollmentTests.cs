using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Host.Tests.Enrollments;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>
/// Issue 18, in: producers that know nothing of Wolverine publish plain JSON to the durable queues named after the
/// runbooks' event types, on a real broker; the host enrolls the users exactly as for <c>POST /events/{source}</c>, once per
/// event however often it is delivered, and a message it cannot read is dead-lettered while the queue keeps flowing.
/// </summary>
public sealed class BrokerEnrollmentTests(BrokerHostFixture fixture) : IClassFixture<BrokerHostFixture>
{
    [Theory]
    [InlineData(SourceSystems.Kintell, KintellSessionCompleted.WireName, "application/json")]
    [InlineData(SourceSystems.Buddy, BuddyMatchCreated.WireName, null)] // no content-type at all
    [InlineData(SourceSystems.Upskilling, UpskillingCourseEnrolled.WireName, "application/json")]
    public async Task Plain_json_on_each_queue_enrolls_the_user(string source, string queue, string? contentType)
    {
        var type = Unique("mentorship");
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, eventId) = (Unique("user"), Unique($"{source}-event"));

        await PlainJsonProducer.PublishWithContentTypeAsync(fixture.AmqpUri, queue, contentType, Body(eventId, user, type));

        var enrollments = await PollAsync(() => fixture.EnrollmentsOfAsync(user), e => e.Length > 0);
        var enrollment = enrollments.ShouldHaveSingleItem();
        enrollment.Id.ShouldBe(IdOf(source, eventId));
        enrollment.ProgramId.ShouldBe(program.Id);
        enrollment.SourceSystem.ShouldBe(source);
        enrollment.ExternalEventId.ShouldBe(eventId);
    }

    [Fact]
    public async Task The_same_event_published_twice_enrolls_once()
    {
        var type = Unique("mentorship");
        await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, eventId) = (Unique("user"), Unique("kintell-event"));
        var body = Body(eventId, user, type);

        await PlainJsonProducer.PublishAsync(fixture.AmqpUri, KintellSessionCompleted.WireName, body, body);

        // Both handled: the enrollment exists and the durable inbox holds neither any more.
        await PollAsync(async () => ((await fixture.EnrollmentsOfAsync(user)).Length, await InboxOfAsync(eventId)),
            state => state is { Item1: > 0, Item2: 0 });
        (await fixture.EnrollmentsOfAsync(user)).ShouldHaveSingleItem().Id.ShouldBe(IdOf(SourceSystems.Kintell, eventId));
        (await fixture.StreamOfAsync(IdOf(SourceSystems.Kintell, eventId))).ShouldBe(["enrollment_created.v1"]);
    }

    [Fact]
    public async Task Unreadable_and_invalid_messages_are_dead_lettered_and_the_queue_keeps_flowing()
    {
        var type = Unique("mentorship");
        await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, eventId, invalidId) = (Unique("user"), Unique("kintell-event"), Unique("kintell-invalid"));
        var deadBefore = await DeadLetterCountAsync();

        await PlainJsonProducer.PublishAsync(fixture.AmqpUri, KintellSessionCompleted.WireName,
            "{\"eventId\": \"broken", // not JSON
            $$"""{"eventId": "{{invalidId}}", "programType": "{{type}}"}""", // JSON, but no user and no time
            Body(eventId, user, type));

        // The valid event behind the two bad ones is handled; both bad ones are in the dead-letter storage, with their reasons.
        (await PollAsync(() => fixture.EnrollmentsOfAsync(user), e => e.Length > 0)).ShouldHaveSingleItem();
        await PollAsync(DeadLetterCountAsync, count => count >= deadBefore + 2);
        (await DeadLetterCountAsync()).ShouldBe(deadBefore + 2);
        var invalid = (await fixture.DeadLettersMentioningAsync(invalidId)).ShouldHaveSingleItem();
        invalid["exception_type"].ShouldBe(typeof(InvalidEnrollmentEventException).FullName);
        invalid["exception_message"].ShouldBe($"Invalid kintell event '{invalidId}': userId: 'userId' must not be empty.; occurredAt: 'occurredAt' must not be empty.");
        (await Sql.ScalarAsync(fixture.ConnectionString,
            "select count(*) from wolverine_dead_letters where exception_type like '%Json%' or exception_message like '%JSON%' or exception_message like '%deserializ%'"))
            .ShouldBe(1);
    }

    private static string Body(string eventId, string user, string type) =>
        $$"""{"eventId": "{{eventId}}", "userId": "{{user}}", "programType": "{{type}}", "occurredAt": "{{OccurredAtJson}}", "producerField": 1}""";

    private Task<long> DeadLetterCountAsync() => Sql.ScalarAsync(fixture.ConnectionString, "select count(*) from wolverine_dead_letters");

    private Task<long> InboxOfAsync(string eventId) => Sql.ScalarAsync(fixture.ConnectionString,
        $"select count(*) from wolverine_incoming_envelopes where status <> 'Handled' and position(convert_to('{eventId}', 'UTF8') in body) > 0");
}
