using EventSourced.Host.Tests.Messaging;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>
/// Thousands of generated malformed and hostile bodies against every write endpoint of the host (<see cref="BadBodies"/>):
/// never a 5xx, every answer a 4xx RFC 7807 problem, and not one event appended or message queued. The route ids name real
/// resources, so what is tested is the body; illegal route ids are a category of their own.
/// </summary>
public sealed class BadInputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int Concurrency = 8;

    [Fact]
    public async Task Thousands_of_malformed_and_hostile_bodies_on_every_write_endpoint_get_4xx_problems_and_append_nothing()
    {
        var endpoints = await WriteEndpointCatalog.CreateAsync(fixture, "bad-input");
        (await WriteRoutesInTheOpenApiDocumentAsync()).ShouldBe(endpoints.Select(e => e.ToString()).Distinct(), ignoreOrder: true,
            "every write endpoint the host serves is covered");

        var requests = endpoints.SelectMany((e, i) => BadBodies.For(e, seed: 1000 + i).Concat(BadBodies.IllegalRouteIds(e, IdIn(e)))).ToArray();
        requests.Length.ShouldBeGreaterThanOrEqualTo(5000);
        var events = await Sql.EventCountAsync(fixture.ConnectionString);
        var envelopes = await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where {Inbox.ExceptReminders}");

        var outcomes = new ConcurrentBag<(BadRequest Request, HttpStatusCode Status, string? ContentType, string Body)>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = TestContext.Current.CancellationToken },
            async (request, _) => outcomes.Add(await SendAsync(request)));

        var failures = outcomes.Where(o => (int)o.Status is < 400 or >= 500 || !IsProblem(o.ContentType, o.Body))
            .Select(o => $"{(int)o.Status} {o.ContentType} for {o.Request}\n    -> {(o.Body.Length > 400 ? o.Body[..400] : o.Body)}")
            .ToArray();
        var summary = string.Join("; ", outcomes.GroupBy(o => o.Request.Category).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count()}")) + $"; statuses: " +
            string.Join(", ", outcomes.GroupBy(o => (int)o.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{outcomes.Count} bad requests on {endpoints.Length} write endpoints: {summary}");

        failures.ShouldBeEmpty($"{failures.Length} of {outcomes.Count} answers were not a 4xx problem:\n{string.Join('\n', failures.Take(40))}");
        // Anything a bad request queued would still be waiting or handled: wait until nothing is waiting, then count.
        await Eventually.UntilAsync(async () => await Sql.ScalarAsync(fixture.ConnectionString,
            "select count(*) from wolverine_incoming_envelopes where status = 'Incoming'") == 0, "the local queues are empty", TestContext.Current.CancellationToken);
        (await Sql.EventCountAsync(fixture.ConnectionString)).ShouldBe(events, "no bad request appended an event");
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from wolverine_incoming_envelopes where {Inbox.ExceptReminders}")).ShouldBe(envelopes, "no bad request queued a message");
        TestContext.Current.TestOutputHelper?.WriteLine($"events before and after: {events}; 5xx: {outcomes.Count(o => (int)o.Status >= 500)}; " +
            $"not problem details: {outcomes.Count(o => !IsProblem(o.ContentType, o.Body))}");
    }

    private static Guid IdIn(WriteEndpoint endpoint) =>
        endpoint.Path.Split('/').Select(segment => Guid.TryParse(segment, out var id) ? id : Guid.Empty).FirstOrDefault(id => id != Guid.Empty);

    private async Task<string[]> WriteRoutesInTheOpenApiDocumentAsync()
    {
        var document = JsonDocument.Parse((await fixture.Host.GetAsync("/openapi/v1.json")).Body).RootElement;
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Where(route => route.Split(' ')[0] is "POST" or "PUT" or "PATCH" or "DELETE")
            .ToArray();
    }

    private async Task<(BadRequest, HttpStatusCode, string?, string)> SendAsync(BadRequest request)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            (request.Endpoint.Method switch { "PUT" => s.Put, "DELETE" => s.Delete, _ => s.Post }).Url(request.Path);
            s.ByteArray(request.Body);
            s.WithRequestHeader("Content-Type", "application/json");
            s.IgnoreStatusCode();
        });
        var response = result.Context.Response;
        return (request, (HttpStatusCode)response.StatusCode, response.ContentType, await result.ReadAsTextAsync());
    }

    private static bool IsProblem(string? contentType, string body)
    {
        if (contentType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
        {
            return false;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("title", out _) && document.RootElement.TryGetProperty("status", out _);
    }
}
