using System.Net;

namespace EventSourced.Host.Security;

/// <summary>Reads listen addresses: the host's <c>urls</c> and <c>http_ports</c>/<c>https_ports</c> settings, and the
/// addresses the server reports once bound.</summary>
public static class ServerUrl
{
    /// <summary>Whether <paramref name="url"/> can only be reached from this machine: a loopback address or <c>localhost</c>,
    /// or a Unix socket or named pipe (<c>http://unix:/run/app.sock</c>, <c>http://pipe:/app</c>). <c>http://+:3021</c>,
    /// <c>http://*:3021</c>, <c>http://0.0.0.0:3021</c>, <c>http://[::]:3021</c> and host names listen on every interface.</summary>
    public static bool IsLoopback(string url)
    {
        var rest = url.Split("://", 2) is [_, var afterScheme] ? afterScheme : url;
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var host = rest.Split('/')[0];
        host = host.StartsWith('[') ? host[1..Math.Max(1, host.IndexOf(']', StringComparison.Ordinal))] : host.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IsLoopback(address));
    }

    /// <summary>Whether a connection's local address is a loopback one (an IPv4 loopback mapped to IPv6 included, as a
    /// dual-mode socket reports it).</summary>
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>The addresses the host's settings ask for: <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), or else
    /// <c>http_ports</c>/<c>https_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>…, every interface, as ASP.NET Core reads them);
    /// empty when neither is set. Kestrel's own <c>Kestrel:Endpoints</c> are not read here: they win over both, and the
    /// addresses actually bound are checked once the server listens.</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { } urls && !string.IsNullOrWhiteSpace(urls))
        {
            return Split(urls, ';');
        }

        return [.. Ports(configuration[WebHostDefaults.HttpPortsKey], "http"), .. Ports(configuration[WebHostDefaults.HttpsPortsKey], "https")];
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        string.IsNullOrWhiteSpace(ports) ? [] : Split(ports, ';').Select(port => $"{scheme}://*:{port}");

    private static string[] Split(string value, char separator) =>
        value.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
