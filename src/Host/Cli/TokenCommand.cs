using System.Security.Claims;
using EventSourced.Host.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>token --sub alice --role operator [--role reviewer] [--tenant acme] [--expires 8h]</c>: prints a bearer token signed
/// with the configured <c>Authentication:SigningKey</c> (for scripts, curl and local use; production tokens come from
/// the identity provider set as <c>Authentication:Authority</c>). Needs no database.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    private static readonly string[] Valued = ["--sub", "--role", "--tenant", "--expires"];

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static string[] HostArguments(string[] args) => [.. Parse(args).HostArguments];

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, TimeProvider clock)
    {
        var parsed = Parse(args);
        var settings = AuthenticationSettings.From(configuration);
        var roles = parsed.Values("--role");
        var problems = new List<string>();
        problems.AddRange(parsed.Unknown.Select(u => $"unknown option {u}"));
        if (string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            problems.Add($"{AuthenticationSettings.Section}:SigningKey is not configured (e.g. {AuthenticationSettings.Section}__SigningKey=… in the environment)");
        }
        else if (settings.Problem() is { } keyProblem)
        {
            problems.Add(keyProblem);
        }

        if (string.IsNullOrWhiteSpace(parsed.Value("--sub")))
        {
            problems.Add("--sub <user id> is required");
        }

        var known = new[] { AccessRoles.Operator, AccessRoles.Reviewer, AccessRoles.Admin };
        problems.AddRange(roles.Where(r => !known.Contains(r, StringComparer.Ordinal)).Select(r => $"unknown role '{r}' (known: {string.Join(", ", known)})"));
        var lifetime = TimeSpan.FromHours(8);
        if (parsed.Value("--expires") is { } expires && !TryParseLifetime(expires, out lifetime))
        {
            problems.Add($"--expires '{expires}' is not a duration like 30m, 8h or 7d");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"token: {problem}");
            }

            return 2;
        }

        var claims = new List<Claim> { new(AccessClaims.Subject, parsed.Value("--sub")!) };
        claims.AddRange(roles.Select(r => new Claim(AccessClaims.Role, r)));
        if (parsed.Value("--tenant") is { Length: > 0 } tenant)
        {
            claims.Add(new Claim(AccessClaims.Tenant, tenant));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(settings.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });
        output.WriteLine(token);
        return 0;
    }

    private static CommandLineArguments Parse(string[] args) => CommandLineArguments.Parse(args.Skip(1), [], Valued);

    private static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        if (text.Length < 2 || !int.TryParse(text[..^1], out var amount) || amount <= 0)
        {
            return false;
        }

        lifetime = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => default,
        };
        return lifetime > TimeSpan.Zero;
    }
}
