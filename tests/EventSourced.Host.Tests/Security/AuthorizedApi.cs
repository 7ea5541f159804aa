using System.Net;
using Alba;

namespace EventSourced.Host.Tests.Security;

/// <summary>Requests with (or without) a bearer token, never throwing on a 4xx.</summary>
public static class AuthorizedApi
{
    public static async Task<(HttpStatusCode Status, string Body, string Authenticate)> SendAsync(this IAlbaHost host, string method, string url,
        string? token, string? json = null)
    {
        var result = await host.Scenario(s =>
        {
            var body = json ?? (method is "GET" or "DELETE" ? null : "{}");
            switch (method)
            {
                case "GET":
                    s.Get.Url(url);
                    break;
                case "DELETE":
                    s.Delete.Url(url);
                    break;
                case "PUT":
                    s.Put.Text(body!).ToUrl(url);
                    break;
                default:
                    s.Post.Text(body!).ToUrl(url);
                    break;
            }

            if (body is not null)
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
        return ((HttpStatusCode)response.StatusCode, await result.ReadAsTextAsync(), response.Headers.WWWAuthenticate.ToString());
    }
}
