using System.Security.Claims;

namespace EventSourced.Host.Security;

/// <summary>The claims the host reads from a token, by their JWT names (inbound claim mapping is off).</summary>
public static class AccessClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Tenant = "tenant_id";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirst(Subject)?.Value;

    public static string? TenantId(this ClaimsPrincipal user) => user.FindFirst(Tenant)?.Value;

    public static IReadOnlyList<string> Roles(this ClaimsPrincipal user) => user.FindAll(Role).Select(c => c.Value).ToArray();
}
