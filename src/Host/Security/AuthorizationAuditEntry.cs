namespace EventSourced.Host.Security;

/// <summary>One authorization decision, as recorded in <c>authorization_audit</c>.</summary>
/// <param name="Action">Method and route template, e.g. <c>PUT /approvals/{id}</c>.</param>
/// <param name="ResourceType">The route's first segment, e.g. <c>approvals</c>.</param>
/// <param name="Status">What the client got: 401, 403, or the 2xx/4xx of a granted request.</param>
public sealed record AuthorizationAuditEntry(
    string? UserId,
    string? TenantId,
    string Action,
    string ResourceType,
    string? ResourceId,
    bool Granted,
    int Status,
    string? Reason,
    string? CorrelationId,
    string? ClientAddress);
