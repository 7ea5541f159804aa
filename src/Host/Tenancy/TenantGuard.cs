using EventSourced.Host.Security;
using Wolverine.Http;

namespace EventSourced.Host.Tenancy;

/// <summary>
/// In a tenanted host, every API request works in the tenant of its identity (the <c>tenant_id</c> claim): one without it,
/// or with a tenant this host does not serve, is refused with 403 problem details before any endpoint runs (never served
/// as the default tenant), and the refusal is recorded in <c>authorization_audit</c> like any other. Runs after
/// authorization, so a caller without a valid token still gets 401. Health, metrics and the OpenAPI document are not
/// Wolverine endpoints and stay anonymous.
/// </summary>
internal sealed class TenantGuard(RequestDelegate next, TenancySettings tenancy, AuthorizationAuditLog audit, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>() is null || Refusal(context.User.TenantId()) is not { } refusal)
        {
            await next(context);
            return;
        }

        await audit.RecordAsync(AuditingAuthorizationResultHandler.Entry(context, granted: false, StatusCodes.Status403Forbidden, refusal),
            context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "No tenant", Detail = refusal, Instance = context.Request.Path },
        });
    }

    private string? Refusal(string? tenantId) =>
        string.IsNullOrWhiteSpace(tenantId)
            ? $"The identity has no tenant: this host keeps tenants apart ({TenancySettings.Section}:Mode {tenancy.Mode}) and needs the " +
              $"'{AccessClaims.Tenant}' claim on every request."
            : !tenancy.Serves(tenantId)
                ? $"Tenant '{tenantId}' is not served by this host."
                : null;
}
