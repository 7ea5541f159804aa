using Marten;

namespace EventSourced.Projections.Integrity;

/// <summary>Sessions for one tenant, or Marten's default tenant when none is named (the check and repair work per tenant).</summary>
internal static class TenantSessions
{
    public static IDocumentSession LightweightSessionFor(this IDocumentStore store, string? tenantId) =>
        tenantId is null ? store.LightweightSession() : store.LightweightSession(tenantId);

    public static IQuerySession QuerySessionFor(this IDocumentStore store, string? tenantId) =>
        tenantId is null ? store.QuerySession() : store.QuerySession(tenantId);

    /// <summary>The root cause of a failure (e.g. the PostgreSQL error under Marten's wrapper), for a report line.</summary>
    public static Exception Innermost(this Exception ex) => ex.InnerException is null ? ex : ex.InnerException.Innermost();
}
