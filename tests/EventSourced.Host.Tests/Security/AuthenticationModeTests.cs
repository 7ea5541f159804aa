using EventSourced.Host.Security;

namespace EventSourced.Host.Tests.Security;

/// <summary>When the host may run without authentication: only on loopback with its embedded database, or when told to.</summary>
public sealed class AuthenticationModeTests
{
    private static readonly AuthenticationSettings Nothing = new();

    [Theory]
    [InlineData("http://127.0.0.1:3021")]
    [InlineData("http://localhost:3021")]
    [InlineData("http://[::1]:3021")]
    [InlineData("http://127.0.0.1:3021;http://localhost:3022")]
    public void Off_on_loopback_with_the_embedded_database(string urls)
    {
        var mode = AuthenticationMode.Decide(Nothing, embeddedDatabase: true, urls.Split(';'));

        mode.Enabled.ShouldBeFalse();
        mode.RefusedBecause.ShouldBeNull();
        mode.OffBecause.ShouldNotBeNull();
        mode.LoopbackOnly.ShouldBeTrue();
    }

    [Fact]
    public void Off_on_loopback_is_refused_once_the_server_is_bound_beyond_loopback()
    {
        var mode = AuthenticationMode.Decide(Nothing, embeddedDatabase: true, ["http://127.0.0.1:3021"]);

        mode.RefusalFor(["http://127.0.0.1:3021", "http://localhost:3022", "http://[::1]:3023"]).ShouldBeNull();
        var refused = mode.RefusalFor(["http://127.0.0.1:3021", "http://0.0.0.0:8080", "http://[::]:8081"]);
        refused.ShouldNotBeNull();
        refused.ShouldContain("listens beyond loopback (http://0.0.0.0:8080, http://[::]:8081)");
        refused.ShouldContain("Authentication:SigningKey");
        refused.ShouldContain("Authentication:Authority");
        refused.ShouldContain("Authentication:Disabled=true");
    }

    [Fact]
    public void Only_off_on_loopback_depends_on_the_bound_addresses()
    {
        string[] everywhere = ["http://0.0.0.0:8080"];

        AuthenticationMode.On.RefusalFor(everywhere).ShouldBeNull();
        AuthenticationMode.Decide(new AuthenticationSettings { Disabled = true }, true, ["http://127.0.0.1:3021"]).RefusalFor(everywhere).ShouldBeNull();
    }

    [Theory]
    [InlineData(true, "http://+:3021")]
    [InlineData(true, "http://*:3021")]
    [InlineData(true, "http://[::]:3021")]
    [InlineData(true, "http://0.0.0.0:3021")]
    [InlineData(true, "http://127.0.0.1:3021;http://10.0.0.5:3021")]
    [InlineData(false, "http://127.0.0.1:3021")]
    public void Refused_anywhere_else_without_keys(bool embedded, string urls)
    {
        var mode = AuthenticationMode.Decide(Nothing, embedded, urls.Split(';'));

        mode.Enabled.ShouldBeFalse();
        mode.RefusedBecause.ShouldNotBeNull();
        mode.RefusedBecause.ShouldContain("Authentication:SigningKey");
    }

    [Fact]
    public void On_whenever_keys_are_configured_even_on_loopback()
    {
        AuthenticationMode.Decide(new AuthenticationSettings { SigningKey = TestTokens.SigningKey }, true, ["http://127.0.0.1:3021"]).ShouldBe(AuthenticationMode.On);
        AuthenticationMode.Decide(new AuthenticationSettings { Authority = "https://login.example.com" }, false, ["http://+:80"]).ShouldBe(AuthenticationMode.On);
    }

    [Fact]
    public void Off_when_explicitly_disabled()
    {
        var mode = AuthenticationMode.Decide(new AuthenticationSettings { Disabled = true }, false, ["http://+:80"]);

        mode.Enabled.ShouldBeFalse();
        mode.RefusedBecause.ShouldBeNull();
    }

    [Fact]
    public void A_signing_key_too_short_for_HS256_is_refused()
    {
        var mode = AuthenticationMode.Decide(new AuthenticationSettings { SigningKey = "short" }, true, ["http://127.0.0.1:3021"]);

        mode.RefusedBecause.ShouldNotBeNull();
        mode.RefusedBecause.ShouldContain("at least 32 bytes");
    }
}
