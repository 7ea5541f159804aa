using System.Net;

namespace EventSourced.Host.Security;

/// <summary>Reads the addresses in the host's <c>urls</c> setting.</summary>
public static class ServerUrl
{
    /// <summary>Whether <paramref name="url"/> listens on loopback only. <c>http://+:3021</c>, <c>http://*:3021</c> and
    /// <c>http://0.0.0.0:3021</c> listen on every interface.</summary>
    public static bool IsLoopback(string url)
    {
        var host = url.Split("://", 2) is [_, var rest] ? rest.Split('/')[0] : url;
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
