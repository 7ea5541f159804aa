using EventSourced.Projections.Registration;

namespace EventSourced.Host.Tenancy;

/// <summary>
/// The <c>Tenancy</c> configuration section: <c>Tenancy:Mode</c> = <c>None</c> (default: one tenant, the claim is ignored),
/// <c>Conjoined</c> (tenants share the database, every row carries its tenant) or <c>Database</c> (a database per tenant,
/// <c>Tenancy:Databases:&lt;tenantId&gt;</c> = its connection string; <c>ConnectionStrings:Marten</c> is then the main
/// database, where Wolverine keeps its node and envelope tables). Tenant ids are case-sensitive.
/// </summary>
public sealed class TenancySettings
{
    public const string Section = "Tenancy";

    public EventSourcedTenancy Mode { get; set; }

    /// <summary>Tenant id → connection string, for <see cref="EventSourcedTenancy.Database"/>.</summary>
    public Dictionary<string, string> Databases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether requests (and commands) work per tenant: every request needs the identity's tenant.</summary>
    public bool IsTenanted => Mode != EventSourcedTenancy.None;

    /// <summary>Whether a request of <paramref name="tenantId"/> is served: any tenant when conjoined, a configured one with a
    /// database per tenant.</summary>
    public bool Serves(string tenantId) => Mode switch
    {
        EventSourcedTenancy.Conjoined => true,
        EventSourcedTenancy.Database => Databases.ContainsKey(tenantId),
        _ => false,
    };

    public static TenancySettings From(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(Section).Get<TenancySettings>() ?? new();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"{Section}:Mode must be one of {string.Join(", ", Enum.GetNames<EventSourcedTenancy>())}: {ex.Message}", ex);
        }
    }

    /// <summary>What is wrong with the settings, or null.</summary>
    public string? Problem() => Mode switch
    {
        EventSourcedTenancy.Database when Databases.Count == 0 =>
            $"{Section}:Mode is Database but no tenant database is configured: set {Section}:Databases:<tenantId> to each tenant's connection string.",
        EventSourcedTenancy.Database when Databases.FirstOrDefault(d => string.IsNullOrWhiteSpace(d.Value)) is { Key: { } empty } =>
            $"{Section}:Databases:{empty} has no connection string.",
        not EventSourcedTenancy.Database when Databases.Count > 0 =>
            $"{Section}:Databases is only used when {Section}:Mode is Database (it is {Mode}).",
        _ => null,
    };
}
