using System.Net;
using System.Text.Json;
using Alba;

namespace EventSourced.Host.Tests.Tenancy;

/// <summary>One identity's calls to the host (its bearer token, so its tenant), never throwing on a 4xx.</summary>
public sealed class TenantClient(IAlbaHost host, string? token)
{
    public Task<ApiResponse> GetAsync(string url) => SendAsync(s => s.Get.Url(url));

    public Task<ApiResponse> PostAsync(string url, string json = "{}") => SendAsync(s => s.Post.Text(json).ToUrl(url), json: true);

    public Task<ApiResponse> PutAsync(string url, string json) => SendAsync(s => s.Put.Text(json).ToUrl(url), json: true);

    public Task<ApiResponse> SendAsync(string method, string url, string json = "{}") =>
        method == "GET" ? GetAsync(url) : method == "PUT" ? PutAsync(url, json) : PostAsync(url, json);

    /// <summary>The ids of a list response.</summary>
    public async Task<Guid[]> IdsAsync(string url)
    {
        var response = await GetAsync(url);
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return JsonDocument.Parse(response.Body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToArray();
    }

    /// <summary>The id of a created (201) or changed (200) resource.</summary>
    public async Task<Guid> IdOfAsync(Task<ApiResponse> request)
    {
        var response = await request;
        ((int)response.Status).ShouldBeInRange(200, 201, response.Body);
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<ApiResponse> SendAsync(Action<Scenario> configure, bool json = false)
    {
        var result = await host.Scenario(s =>
        {
            configure(s);
            if (json)
            {
                s.WithRequestHeader("Content-Type", "application/json");
            }

            if (token is not null)
            {
                s.WithRequestHeader("Authorization", $"Bearer {token}");
            }

            s.IgnoreStatusCode();
        });
        var response = result.Context.Response;
        return new ApiResponse((HttpStatusCode)response.StatusCode, await result.ReadAsTextAsync(),
            response.Headers.Location.ToString() is { Length: > 0 } location ? location : null);
    }
}
