using System.Net;
using System.Text.Json;
using EventSourced.Host.Tests.Templates;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Concurrency;

/// <summary>
/// Endpoints on Wolverine's aggregate workflow commit once, in Wolverine's transactional middleware. Writers racing on one
/// stream: each answer is the row as its own commit left it, or a 409 (412 when it named a version), and the read row
/// equals the replay of the stream.
/// </summary>
public sealed class AggregateWorkflowRaceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int Writers = 16;

    [Fact]
    public async Task Racing_edits_of_one_template_are_each_answered_with_their_own_row_or_a_409_and_nothing_is_lost()
    {
        var id = await DraftAsync();

        var responses = await AllAtOnce.RunAsync(Writers, k => fixture.Host.PutAsync($"/templates/{id}", $$"""{"name": "Edit {{k}}"}"""));

        responses.ShouldAllBe(r => r.Response.Status == HttpStatusCode.OK || r.Response.Status == HttpStatusCode.Conflict);
        var accepted = responses.Where(r => r.Response.Status == HttpStatusCode.OK).ToArray();
        accepted.ShouldNotBeEmpty();
        accepted.ShouldAllBe(r => r.Response.Template.Name == $"Edit {r.Writer}");
        responses.Where(r => r.Response.Status == HttpStatusCode.Conflict).ShouldAllBe(r => r.Response.Problem.Title == "Concurrent modification");
        var events = await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from mt_events where stream_id = '{id}'");
        events.ShouldBe(1 + accepted.Length, "one event per accepted edit, none for a refused one");
        var current = await fixture.Host.GetAsync($"/templates/{id}");
        current.ETag.ShouldBe($"\"{events}\"");
        var last = accepted.Single(r => r.Response.ETag == current.ETag);
        current.Template.Name.ShouldBe(last.Response.Template.Name);
    }

    [Fact]
    public async Task Racing_edits_naming_the_same_version_leave_one_winner_and_412s()
    {
        var id = await DraftAsync();

        var responses = await AllAtOnce.RunAsync(Writers, k => fixture.Host.PutAsync($"/templates/{id}", $$"""{"name": "Named {{k}}"}""", ifMatch: "\"1\""));

        responses.Count(r => r.Response.Status == HttpStatusCode.OK).ShouldBe(1);
        responses.Where(r => r.Response.Status != HttpStatusCode.OK).ShouldAllBe(r => r.Response.Status == HttpStatusCode.PreconditionFailed);
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from mt_events where stream_id = '{id}'")).ShouldBe(2);
    }

    [Fact]
    public async Task Racing_creates_of_one_template_key_create_exactly_one_and_the_others_are_409s()
    {
        var key = $"race-key-{Guid.NewGuid():N}"[..21];

        var responses = await AllAtOnce.RunAsync(Writers, _ => fixture.Host.PostAsync("/templates", TemplateRequests.Create(key)));

        responses.Count(r => r.Response.Status == HttpStatusCode.Created).ShouldBe(1);
        // Decided after the winner committed: the key exists; decided before, the unique index refuses it at commit.
        responses.Where(r => r.Response.Status != HttpStatusCode.Created).ShouldAllBe(r => r.Response.Status == HttpStatusCode.Conflict &&
            (r.Response.Problem.Title == "Template key already exists" || r.Response.Problem.Title == "Duplicate value"));
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from program_templates where template_key = '{key}'")).ShouldBe(1);
        (await Sql.StreamsWithoutRowAsync(fixture.ConnectionString, "program_templates")).ShouldBe(0);
    }

    private async Task<Guid> DraftAsync()
    {
        var created = await fixture.Host.PostAsync("/templates", TemplateRequests.Create($"race-{Guid.NewGuid():N}"[..17]));
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetGuid();
    }
}
