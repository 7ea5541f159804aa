using System.Diagnostics;
using System.Net;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Observability;

/// <summary>Issue 19 §1: with an OTLP endpoint configured, one trace per request runs through the Wolverine handler, Marten's
/// session and Npgsql's commands.</summary>
public sealed class TracingTests(TracingHostFixture fixture) : IClassFixture<TracingHostFixture>
{
    [Fact]
    public async Task A_write_is_one_trace_from_the_request_through_the_handler_to_the_database()
    {
        var campaign = await fixture.CampaignAtAsync("tracing", 75);

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}/probability", ApprovalRequests.Probability(92));
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);

        Activity? request = null;
        await Eventually.UntilAsync(() =>
        {
            request = fixture.Spans.FirstOrDefault(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server &&
                Equals(s.GetTagItem("url.path"), $"/campaigns/{campaign.Id}/probability"));
            return request is not null;
        }, "the request's span was exported", TestContext.Current.CancellationToken);

        var trace = fixture.Spans.Where(s => s.TraceId == request!.TraceId).ToArray();
        var sources = trace.Select(s => s.Source.Name).Distinct().ToArray();
        sources.ShouldContain("Wolverine", $"spans: {Describe(trace)}");
        sources.ShouldContain("Marten", $"spans: {Describe(trace)}");
        sources.ShouldContain("Npgsql", $"spans: {Describe(trace)}");
        trace.Where(s => s != request).ShouldAllBe(s => s.ParentSpanId != default, "every other span hangs under the request");
        trace.ShouldContain(s => s.Source.Name == "Wolverine" && s.DisplayName.Contains("SetCampaignProbability", StringComparison.Ordinal),
            $"the handler's span; spans: {Describe(trace)}");
    }

    private static string Describe(IEnumerable<Activity> spans) => string.Join("; ", spans.Select(s => $"{s.Source.Name}: {s.DisplayName}"));
}
