using System.Net;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Templates.TemplateRequests;

namespace EventSourced.Host.Tests.Templates;

public sealed class ConcurrentPublishTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Two_simultaneous_publishes_of_one_draft_give_one_200_and_one_409()
    {
        var draft = (await fixture.Host.PostAsync("/templates", Create("concurrent-publish"))).Template;
        // Warm the route up so both racing requests run compiled code and reach the database together.
        await fixture.Host.PostAsync($"/templates/{Guid.NewGuid()}/publish", PublishKeepingPrevious);

        var responses = await StreamLock.RaceAsync(fixture.ConnectionString, draft.Id, writers: 2,
            () => fixture.Host.PostAsync($"/templates/{draft.Id}/publish", PublishKeepingPrevious));

        responses.Select(r => r.Status).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var conflict = responses.Single(r => r.Status == HttpStatusCode.Conflict).Problem;
        conflict.Title.ShouldBe("Concurrent modification");
        (await Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from mt_events where stream_id = '{draft.Id}' and type = 'template_published.v1'")).ShouldBe(1);
    }
}
