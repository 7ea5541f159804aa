using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventSourced.Host.Tests.Security;

/// <summary>Mints JWTs the way an identity provider would, including the broken ones (expired, foreign key, wrong audience).</summary>
public static class TestTokens
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    public const string Issuer = "https://identity.test";
    public const string Audience = "eventsourced";

    /// <summary>The settings of a host that accepts these tokens.</summary>
    public static IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        ["Authentication:Disabled"] = "false",
        ["Authentication:SigningKey"] = SigningKey,
        ["Authentication:Issuer"] = Issuer,
        ["Authentication:Audience"] = Audience,
    };

    public static string For(string subject, params string[] roles) => Create(subject, roles);

    public static string Create(string subject, IEnumerable<string> roles, string? tenant = null, DateTime? expires = null, string key = SigningKey,
        string audience = Audience, string issuer = Issuer)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        if (tenant is not null)
        {
            claims.Add(new Claim("tenant_id", tenant));
        }

        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
