using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.IdentityModel.Tokens;

namespace EventSourced.Host.Security;

/// <summary>
/// Answers a refused request with problem details, 401 when the caller is not authenticated (no token, or a token that
/// is expired, badly signed, for another audience…) and 403 when the token is valid but lacks the role, and records
/// every refusal in <c>authorization_audit</c> (runbook 004's 401/403 distinction, runbook 003's audit query).
/// </summary>
public sealed class AuditingAuthorizationResultHandler(AuthorizationAuditLog audit, AuthenticationSettings settings, IProblemDetailsService problems)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            if (settings.AuditGranted)
            {
                await audit.RecordAsync(Entry(context, granted: true, context.Response.StatusCode, null), context.RequestAborted);
            }

            return;
        }

        var (status, title, reason) = authorizeResult.Challenged
            ? (StatusCodes.Status401Unauthorized, "Unauthorized", await WhyUnauthenticatedAsync(context))
            : (StatusCodes.Status403Forbidden, "Forbidden", WhyForbidden(context, policy));

        await audit.RecordAsync(Entry(context, granted: false, status, reason), context.RequestAborted);
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync(); // WWW-Authenticate: Bearer error="invalid_token", …
        }

        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = reason, Instance = context.Request.Path },
        });
    }

    private static async Task<string> WhyUnauthenticatedAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync();
        return result.Failure switch
        {
            null => "A bearer token is required (Authorization: Bearer <token>).",
            SecurityTokenExpiredException => "The bearer token has expired.",
            SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The bearer token's signature is not valid.",
            SecurityTokenInvalidAudienceException => "The bearer token is for another audience.",
            SecurityTokenInvalidIssuerException => "The bearer token is from another issuer.",
            _ => "The bearer token is not valid.",
        };
    }

    private static string WhyForbidden(HttpContext context, AuthorizationPolicy policy)
    {
        var needed = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).ToArray();
        var held = context.User.Roles();
        return $"This operation needs the role {string.Join(" or ", needed)}; the token has {(held.Count == 0 ? "no role" : string.Join(", ", held))}.";
    }

    internal static AuthorizationAuditEntry Entry(HttpContext context, bool granted, int status, string? reason)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        var template = route?.RawText ?? context.Request.Path.Value ?? "/";
        return new AuthorizationAuditEntry(
            context.User.UserId(),
            context.User.TenantId(),
            $"{context.Request.Method} {template}",
            ResourceType(route, template),
            context.Request.RouteValues.TryGetValue("id", out var id) ? Convert.ToString(id, CultureInfo.InvariantCulture) : null,
            granted,
            status,
            reason,
            context.TraceIdentifier,
            context.Connection.RemoteIpAddress?.ToString());
    }

    private static string ResourceType(RoutePattern? route, string template) =>
        route?.PathSegments.FirstOrDefault()?.Parts.OfType<RoutePatternLiteralPart>().FirstOrDefault()?.Content
        ?? template.Trim('/').Split('/')[0];
}
