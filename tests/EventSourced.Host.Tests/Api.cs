using System.Net;
using System.Text.Json;
using Alba;
using EventSourced.Projections.Templates;

namespace EventSourced.Host.Tests;

/// <summary>A response as any HTTP client sees it: status, headers and body text, parsed on demand.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string Body, string? Location, string? ETag = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public T As<T>() => JsonSerializer.Deserialize<T>(Body, Json) ?? throw new InvalidOperationException($"Empty body: {Body}");

    public TemplateView Template => As<TemplateView>();

    public Problem Problem => As<Problem>();

    // Assertion messages print the response as a client sees it (the default would parse the body as every view type).
    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>Sends raw JSON (exactly what curl would send) and never throws on a 4xx: tests assert the status themselves.</summary>
public static class Api
{
    public static Task<ApiResponse> GetAsync(this IAlbaHost host, string url) =>
        SendAsync(host, s => s.Get.Url(url));

    public static Task<ApiResponse> PostAsync(this IAlbaHost host, string url, string? json = null, string? ifMatch = null) =>
        SendAsync(host, s =>
        {
            WithIfMatch(s, ifMatch);
            if (json is null)
            {
                s.Post.Url(url);
                return;
            }

            s.Post.Text(json).ToUrl(url);
            s.WithRequestHeader("Content-Type", "application/json");
        });

    public static Task<ApiResponse> PutAsync(this IAlbaHost host, string url, string json, string? ifMatch = null) =>
        SendAsync(host, s =>
        {
            WithIfMatch(s, ifMatch);
            s.Put.Text(json).ToUrl(url);
            s.WithRequestHeader("Content-Type", "application/json");
        });

    public static Task<ApiResponse> DeleteAsync(this IAlbaHost host, string url) =>
        SendAsync(host, s => s.Delete.Url(url));

    private static void WithIfMatch(Scenario scenario, string? ifMatch)
    {
        if (ifMatch is not null)
        {
            scenario.WithRequestHeader("If-Match", ifMatch);
        }
    }

    private static async Task<ApiResponse> SendAsync(IAlbaHost host, Action<Scenario> configure)
    {
        var result = await host.Scenario(s =>
        {
            configure(s);
            s.IgnoreStatusCode();
        });
        var response = result.Context.Response;
        return new ApiResponse((HttpStatusCode)response.StatusCode, await result.ReadAsTextAsync(), response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
            response.Headers.ETag.ToString() is { Length: > 0 } tag ? tag : null);
    }
}
