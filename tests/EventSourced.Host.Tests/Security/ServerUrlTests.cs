using System.Net;
using EventSourced.Host.Security;
using Microsoft.Extensions.Configuration;

namespace EventSourced.Host.Tests.Security;

/// <summary>Which listen addresses only this machine can reach, in the forms the settings and the server use.</summary>
public sealed class ServerUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:3021")]
    [InlineData("http://127.0.0.2:3021")]
    [InlineData("http://localhost:3021")]
    [InlineData("https://LOCALHOST:3021/")]
    [InlineData("http://[::1]:3021")]
    [InlineData("http://[::ffff:127.0.0.1]:3021")]
    [InlineData("http://unix:/run/eventsourced.sock")]
    [InlineData("http://pipe:/eventsourced")]
    public void Loopback(string url) => ServerUrl.IsLoopback(url).ShouldBeTrue();

    [Theory]
    [InlineData("http://0.0.0.0:3021")]
    [InlineData("http://[::]:3021")]
    [InlineData("http://+:3021")]
    [InlineData("http://*:3021")]
    [InlineData("http://10.0.0.5:3021")]
    [InlineData("http://[fe80::1]:3021")]
    [InlineData("http://eventsourced.example.com:3021")]
    [InlineData("http://[::1:3021")]
    public void Beyond_loopback(string url) => ServerUrl.IsLoopback(url).ShouldBeFalse();

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("::ffff:10.0.0.5", false)]
    [InlineData("::", false)]
    public void A_connections_local_address(string address, bool loopback) => ServerUrl.IsLoopback(IPAddress.Parse(address)).ShouldBe(loopback);

    [Fact]
    public void Configured_addresses_are_the_urls_or_else_the_ports_on_every_interface()
    {
        Configured(("urls", "http://127.0.0.1:1; http://+:2"), ("http_ports", "8080")).ShouldBe(["http://127.0.0.1:1", "http://+:2"]);
        Configured(("http_ports", "8080;8081"), ("https_ports", "8443")).ShouldBe(["http://*:8080", "http://*:8081", "https://*:8443"]);
        Configured().ShouldBeEmpty();
    }

    private static IReadOnlyList<string> Configured(params (string Key, string Value)[] settings) =>
        ServerUrl.Configured(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());
}
