using System.Text.Json;
using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Host.Cli;
using EventSourced.Host.Tests.Enrollments;
using EventSourced.Host.Tests.Operations;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Cli;

/// <summary>
/// Issue 18, dead letters an operator can act on: <c>dead-letters list|replay|discard</c> from the host's command line (a
/// separate process, as an operator runs it) against the database of a running service, which handles what is replayed.
/// </summary>
public sealed class DeadLettersCommandTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task List_shows_a_dead_letter_with_its_reason_and_discard_removes_it()
    {
        var eventId = Unique("kintell-invalid");
        var session = await fixture.DeliverFailingAsync(SourceEvent(SourceSystems.Kintell, eventId, userId: null, Guid.NewGuid(), "mentorship", OccurredAt));
        var id = session.MovedToErrorQueue.Envelopes().ShouldHaveSingleItem().Id;

        var listed = (await ListAsync()).Where(d => d.GetProperty("id").GetGuid() == id).ShouldHaveSingleItem();
        listed.GetProperty("messageType").GetString().ShouldBe("kintell.session.completed.V1");
        listed.GetProperty("exceptionType").GetString().ShouldBe(typeof(InvalidEnrollmentEventException).FullName);
        listed.GetProperty("exceptionMessage").GetString().ShouldNotBeNull().ShouldContain(eventId);

        var (exitCode, stdout, stderr) = await RunAsync("discard", id.ToString());
        exitCode.ShouldBe(DeadLettersCommand.Done, stderr);
        stdout.ShouldContain("1 dead letter(s) discarded");
        (await ListAsync()).ShouldNotContain(d => d.GetProperty("id").GetGuid() == id);
        (await RunAsync("discard", id.ToString())).ExitCode.ShouldBe(DeadLettersCommand.CouldNotRun, "it is gone");
    }

    [Fact]
    public async Task A_message_that_failed_for_a_cause_since_fixed_is_replayed_and_handled_once()
    {
        var type = Unique("mentorship");
        await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, eventId) = (Unique("user"), Unique("kintell-event"));
        // The cause: a fault of the environment (here a constraint a bad deployment left on the read table) that no retry cures.
        var constraint = $"no_{user.Replace('-', '_')}";
        await Sql.ExecuteAsync(fixture.ConnectionString, $"alter table program_enrollments add constraint {constraint} check (user_id <> '{user}')");
        var session = await fixture.DeliverFailingAsync(SourceEvent(SourceSystems.Kintell, eventId, user, Guid.NewGuid(), type, OccurredAt));
        var id = session.MovedToErrorQueue.Envelopes().ShouldHaveSingleItem().Id;
        (await fixture.EnrollmentsOfAsync(user)).ShouldBeEmpty();

        await Sql.ExecuteAsync(fixture.ConnectionString, $"alter table program_enrollments drop constraint {constraint}"); // fixed
        var (exitCode, stdout, stderr) = await RunAsync("replay", id.ToString());

        exitCode.ShouldBe(DeadLettersCommand.Done, stderr);
        stdout.ShouldContain("1 dead letter(s) marked for replay");
        var enrolled = await PollAsync(() => fixture.EnrollmentsOfAsync(user), e => e.Length > 0);
        enrolled.ShouldHaveSingleItem().Id.ShouldBe(IdOf(SourceSystems.Kintell, eventId));
        await PollAsync(async () => (await ListAsync()).Any(d => d.GetProperty("id").GetGuid() == id), listed => !listed);
        (await fixture.StreamOfAsync(IdOf(SourceSystems.Kintell, eventId))).ShouldBe(["enrollment_created.v1"]);
    }

    [Fact]
    public async Task Bad_arguments_are_explained()
    {
        var (exitCode, stdout, stderr) = await RunAsync("replay", "not-an-id");

        exitCode.ShouldBe(DeadLettersCommand.CouldNotRun);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("usage: dead-letters list");
    }

    private async Task<JsonElement[]> ListAsync()
    {
        var (exitCode, stdout, stderr) = await RunAsync("list", "--json", "--limit", "1000");
        exitCode.ShouldBe(DeadLettersCommand.Done, stderr);
        using var document = JsonDocument.Parse(stdout);
        return [.. document.RootElement.GetProperty("deadLetters").EnumerateArray().Select(e => e.Clone())];
    }

    private Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(params string[] args) =>
        HostProcess.RunSeparatelyAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = fixture.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        }, ["dead-letters", .. args]);
}
