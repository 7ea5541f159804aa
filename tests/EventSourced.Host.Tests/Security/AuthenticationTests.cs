using System.Net;
using EventSourced.Host.Cli;
using EventSourced.Host.Tests.Templates;
using Microsoft.Extensions.Configuration;

namespace EventSourced.Host.Tests.Security;

/// <summary>401 for a missing or unusable token (runbook 004: "missing or invalid credentials"), with problem details and
/// <c>WWW-Authenticate</c>; health, metrics and the OpenAPI document stay anonymous.</summary>
public sealed class AuthenticationTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task Operational_endpoints_answer_without_a_token(string url)
    {
        var (status, _, _) = await fixture.Host.SendAsync("GET", url, token: null);

        status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task No_token_is_401_problem_details_with_a_bearer_challenge()
    {
        var (status, body, authenticate) = await fixture.Host.SendAsync("GET", "/templates", token: null);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        authenticate.ShouldStartWith("Bearer");
        body.ShouldContain("\"title\":\"Unauthorized\"");
        body.ShouldContain("A bearer token is required");
    }

    public static TheoryData<string, string> UnusableTokens => new()
    {
        { TestTokens.Create("alice", ["operator"], expires: DateTime.UtcNow.AddMinutes(-5)), "has expired" },
        { TestTokens.Create("alice", ["operator"], key: "another-signing-key-0123456789-abcdefghijkl"), "signature is not valid" },
        { TestTokens.Create("alice", ["operator"], audience: "another-service"), "another audience" },
        { TestTokens.Create("alice", ["operator"], issuer: "https://impostor.test"), "another issuer" },
        { "not-a-jwt", "is not valid" },
    };

    [Theory]
    [MemberData(nameof(UnusableTokens))]
    public async Task An_unusable_token_is_401_saying_why(string token, string why)
    {
        var (status, body, authenticate) = await fixture.Host.SendAsync("POST", "/templates", token, TemplateRequests.Create("refused"));

        status.ShouldBe(HttpStatusCode.Unauthorized);
        authenticate.ShouldContain("invalid_token");
        body.ShouldContain(why);
    }

    [Fact]
    public async Task A_token_with_the_role_is_let_through()
    {
        var token = TestTokens.For("olga", "operator");

        var (created, body, _) = await fixture.Host.SendAsync("POST", "/templates", token, TemplateRequests.Create("let-through"));
        var (read, _, _) = await fixture.Host.SendAsync("GET", "/templates", TestTokens.For("rita", "reviewer"));

        created.ShouldBe(HttpStatusCode.Created, body);
        read.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_token_command_mints_tokens_the_host_accepts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestTokens.HostSettings).Build();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = TokenCommand.Run(["token", "--sub", "cli-user", "--role", "operator", "--expires", "10m"], configuration, output, error, TimeProvider.System);
        var (status, body, _) = await fixture.Host.SendAsync("POST", "/templates", output.ToString().Trim(), TemplateRequests.Create("from-cli-token"));

        exit.ShouldBe(0, error.ToString());
        status.ShouldBe(HttpStatusCode.Created, body);
    }

    [Fact]
    public void The_token_command_names_every_problem_and_prints_no_token()
    {
        var configuration = new ConfigurationBuilder().Build();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = TokenCommand.Run(["token", "--role", "superuser", "--expires", "forever"], configuration, output, error, TimeProvider.System);

        exit.ShouldBe(2);
        output.ToString().ShouldBeEmpty();
        error.ToString().ShouldContain("SigningKey is not configured");
        error.ToString().ShouldContain("--sub <user id> is required");
        error.ToString().ShouldContain("unknown role 'superuser'");
        error.ToString().ShouldContain("--expires 'forever'");
    }
}
