using System.Net;
using EventSourced.Host.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EventSourced.Host.Tests.Security;

/// <summary>Between the server binding beyond loopback and the startup check stopping it, a loopback-only host serves
/// nothing that arrived on another address.</summary>
public sealed class LoopbackOnlyGuardTests
{
    private static readonly AuthenticationMode LoopbackOnly = AuthenticationMode.OffOnLoopback("test");

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("::ffff:192.168.1.20")]
    [InlineData("fe80::1")]
    public async Task A_request_on_another_address_is_403_and_goes_no_further(string local)
    {
        var (status, reachedNext, body) = await SendAsync(LoopbackOnly, IPAddress.Parse(local));

        status.ShouldBe(StatusCodes.Status403Forbidden);
        reachedNext.ShouldBeFalse();
        body.ShouldContain("may only listen on loopback");
        body.ShouldContain("Authentication:SigningKey");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData(null)] // a Unix socket, a test server
    public async Task A_request_on_loopback_goes_on(string? local)
    {
        var (_, reachedNext, _) = await SendAsync(LoopbackOnly, local is null ? null : IPAddress.Parse(local));

        reachedNext.ShouldBeTrue();
    }

    [Fact]
    public async Task With_authentication_on_or_disabled_on_purpose_every_address_goes_on()
    {
        (await SendAsync(AuthenticationMode.On, IPAddress.Parse("10.0.0.5"))).ReachedNext.ShouldBeTrue();
        (await SendAsync(AuthenticationMode.Off("Authentication:Disabled is true"), IPAddress.Parse("10.0.0.5"))).ReachedNext.ShouldBeTrue();
    }

    private static async Task<(int Status, bool ReachedNext, string Body)> SendAsync(AuthenticationMode mode, IPAddress? local)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.LocalIpAddress = local;
        context.Request.Method = "POST";
        context.Request.Path = "/templates";
        context.Response.Body = new MemoryStream();
        var reachedNext = false;

        await new LoopbackOnlyGuard(_ => { reachedNext = true; return Task.CompletedTask; }, mode).InvokeAsync(context);

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, reachedNext, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }
}
