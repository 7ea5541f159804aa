using System.Net;
using EventSourced.Projections.Programs;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Programs.ProgramRequests;

namespace EventSourced.Host.Tests.Programs;

/// <summary>PUT /programs/{id}/status: draft → active ⇄ paused → completed → archived; anything else is a 409.</summary>
public sealed class ProgramStatusTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_whole_lifecycle_is_allowed_one_step_at_a_time()
    {
        var program = await DraftAsync("status-lifecycle");

        foreach (var status in new[] { "active", "paused", "active", "completed", "archived" })
        {
            var response = await fixture.Host.PutAsync($"/programs/{program.Id}/status", Status(status));

            response.Status.ShouldBe(HttpStatusCode.OK, $"→ {status}: {response.Body}");
            response.As<ProgramView>().Status.ShouldBe(status);
        }

        (await Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from mt_events where stream_id = '{program.Id}' and type = 'program_status_changed.v2'")).ShouldBe(5);
        (await fixture.Host.GetAsync($"/programs/{program.Id}")).As<ProgramView>().Status.ShouldBe("archived");
    }

    [Theory]
    [InlineData("draft", "paused", "it can become: active, archived.")]
    [InlineData("draft", "completed", "it can become: active, archived.")]
    [InlineData("archived", "active", "it is final.")]
    [InlineData("completed", "active", "it can become: archived.")]
    public async Task An_illegal_move_is_a_409_and_changes_nothing(string from, string to, string advice)
    {
        var program = await InStatusAsync($"status-illegal-{from}-{to}", from);
        var eventsBefore = await StreamEventsAsync(program.Id);

        var response = await fixture.Host.PutAsync($"/programs/{program.Id}/status", Status(to));

        response.Status.ShouldBe(HttpStatusCode.Conflict);
        response.Problem.Title.ShouldBe("Illegal status transition");
        response.Problem.Detail.ShouldBe($"Program {program.Id} is {from} and cannot become {to}; {advice}");
        (await StreamEventsAsync(program.Id)).ShouldBe(eventsBefore);
        (await fixture.Host.GetAsync($"/programs/{program.Id}")).As<ProgramView>().Status.ShouldBe(from);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("active")]
    public async Task Setting_the_current_status_again_is_a_200_without_a_new_event(string status)
    {
        var program = await InStatusAsync($"status-same-{status}", status);
        var eventsBefore = await StreamEventsAsync(program.Id);

        var response = await fixture.Host.PutAsync($"/programs/{program.Id}/status", Status(status));

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        response.As<ProgramView>().Status.ShouldBe(status);
        (await StreamEventsAsync(program.Id)).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task Status_names_are_case_insensitive()
    {
        var program = await DraftAsync("status-case");

        var response = await fixture.Host.PutAsync($"/programs/{program.Id}/status", Status("Active"));

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        response.As<ProgramView>().Status.ShouldBe("active");
    }

    [Theory]
    [InlineData("""{"status": "live"}""", "'status' must be one of: draft, active, paused, completed, archived.")]
    [InlineData("""{"status": "1"}""", "'status' must be one of: draft, active, paused, completed, archived.")]
    [InlineData("""{"status": ""}""", "'status' must not be empty.")]
    [InlineData("""{"status": null}""", "'status' must not be empty.")]
    [InlineData("{}", "'status' must not be empty.")]
    public async Task An_unknown_or_missing_status_is_a_400_naming_status(string body, string message)
    {
        var program = await DraftAsync($"status-unknown-{Guid.NewGuid():N}");
        var eventsBefore = await StreamEventsAsync(program.Id);

        var response = await fixture.Host.PutAsync($"/programs/{program.Id}/status", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors!.Keys.ShouldBe(["status"]);
        response.Problem.Errors["status"].ShouldContain(message);
        (await StreamEventsAsync(program.Id)).ShouldBe(eventsBefore);
    }

    [Theory]
    [InlineData("null", "Invalid request body")]
    [InlineData("""{"status": 1}""", "$.status")]
    [InlineData("""{"state": "active"}""", "state")]
    public async Task A_malformed_body_is_a_400(string body, string mentioned)
    {
        var program = await DraftAsync($"status-malformed-{Guid.NewGuid():N}");

        var response = await fixture.Host.PutAsync($"/programs/{program.Id}/status", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Body.ShouldContain(mentioned);
        (await fixture.Host.GetAsync($"/programs/{program.Id}")).As<ProgramView>().Status.ShouldBe("draft");
    }

    [Fact]
    public async Task An_unknown_program_is_a_404()
    {
        var id = Guid.NewGuid();

        var response = await fixture.Host.PutAsync($"/programs/{id}/status", Status("active"));

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Problem.Title.ShouldBe("Program not found");
        response.Problem.Detail.ShouldBe($"No program with id '{id}'.");
    }

    private Task<long> StreamEventsAsync(Guid streamId) =>
        Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from mt_events where stream_id = '{streamId}'");

    private async Task<ProgramView> DraftAsync(string key)
    {
        var template = await fixture.ActiveTemplateAsync(key);
        var group = await fixture.GroupAsync();
        return await fixture.ProgramAsync(template.Id, group.Id, key);
    }

    private async Task<ProgramView> InStatusAsync(string key, string status)
    {
        var program = await DraftAsync(key);
        var path = status switch
        {
            "draft" => [],
            "active" => ["active"],
            "completed" => ["active", "completed"],
            "archived" => new[] { "archived" },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path)
        {
            program = await fixture.StatusAsync(program.Id, step);
        }

        program.Status.ShouldBe(status);
        return program;
    }
}
