using EventSourced.Host.Security;
using EventSourced.Projections.Registration;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.Tenancy;

/// <summary>
/// The host's tenancy (<see cref="TenancySettings"/>): how the store keeps tenants apart, where a request's tenant comes
/// from (the identity's <c>tenant_id</c> claim, through Wolverine.Http's tenant detection, so every Marten session an
/// endpoint gets, and every message it publishes, belongs to that tenant), and the guard that refuses a request without one.
/// </summary>
public static class HostTenancy
{
    public static TenancySettings AddEventSourcedTenancy(this WebApplicationBuilder builder, string connectionString, string schema)
    {
        var settings = TenancySettings.From(builder.Configuration);
        if (settings.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.AddSingleton(settings);
        if (settings.Mode == EventSourcedTenancy.Database)
        {
            builder.Services.AddHostedService(_ => new MainDatabaseSchema(connectionString, schema));
        }

        return settings;
    }

    /// <summary>The store's databases and tenancy: the one database, or one per tenant.</summary>
    public static StoreOptions UseEventSourcedTenancy(this StoreOptions options, TenancySettings tenancy, string connectionString)
    {
        if (tenancy.Mode == EventSourcedTenancy.Database)
        {
            options.UseTenantDatabases(tenancy.Databases);
        }
        else
        {
            options.Connection(connectionString);
            options.Storage.ExtendedSchemaObjects.Add(AuthorizationAuditTable.Define(options.DatabaseSchemaName));
        }

        return options;
    }

    /// <summary>With a database per tenant, Wolverine keeps its node and envelope tables in the main database.</summary>
    public static void UseMainDatabase(this MartenIntegration integration, TenancySettings tenancy, string connectionString)
    {
        if (tenancy.Mode == EventSourcedTenancy.Database)
        {
            integration.MainDatabaseConnectionString = connectionString;
        }
    }

    /// <summary>Endpoints work in the tenant of the identity's <c>tenant_id</c> claim (ignored when not tenanted).</summary>
    public static void DetectTenants(this WolverineHttpOptions options, TenancySettings tenancy)
    {
        if (tenancy.IsTenanted)
        {
            options.TenantId.IsClaimTypeNamed(AccessClaims.Tenant);
        }
    }

    public static WebApplication UseTenantGuard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TenancySettings>().IsTenanted)
        {
            app.UseMiddleware<TenantGuard>();
        }

        return app;
    }
}
