using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Wolverine.Http;

namespace EventSourced.Host.Security;

/// <summary>
/// JWT bearer authentication and role-based authorization for the HTTP API. On when signing keys are configured; off
/// only when nothing is configured and the host both listens on loopback and runs its own embedded database (a developer's
/// machine), or when <c>Authentication:Disabled</c> says so. Anything else refuses to start rather than run open, and so
/// does a loopback host whose server turns out to listen beyond loopback (<see cref="AuthenticationStartupCheck"/>).
/// Health, metrics and the OpenAPI document are anonymous.
/// </summary>
public static class HostAuthentication
{
    public static AuthenticationMode AddEventSourcedAuthentication(this WebApplicationBuilder builder, string connectionString, string schema,
        bool embeddedDatabase)
    {
        var settings = AuthenticationSettings.From(builder.Configuration);
        var urls = ServerUrl.Configured(builder.Configuration);
        var mode = AuthenticationMode.Decide(settings, embeddedDatabase, urls.Count > 0 ? urls : [Hosting.EventSourcedHost.DefaultUrl]);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(mode);
        builder.Services.AddHostedService<AuthenticationStartupCheck>();

        builder.Services.AddAuthorization(AccessPolicies.Register);
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        builder.Services.AddSingleton(services => new AuthorizationAuditLog(NpgsqlDataSource.Create(connectionString), schema,
            services.GetRequiredService<ILogger<AuthorizationAuditLog>>()));

        if (mode.Enabled)
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options => Configure(options, settings));
        }
        else
        {
            builder.Services.AddAuthentication(); // no scheme: every caller stays anonymous and no endpoint asks for more
        }

        return mode;
    }

    /// <summary>Every Wolverine endpoint gets the policy its method and route call for (see <see cref="AccessPolicies"/>).</summary>
    public static void RequireRoles(this WolverineHttpOptions options, AuthenticationMode mode)
    {
        if (mode.Enabled)
        {
            options.ConfigureEndpoints(chain => chain.RequireAuthorization(AccessPolicies.For(chain.HttpMethods, chain.RoutePattern)));
        }
    }

    private static void Configure(JwtBearerOptions options, AuthenticationSettings settings)
    {
        // Claims keep their JWT names (sub, role, tenant_id) instead of being renamed to long XML-schema URIs.
        options.MapInboundClaims = false;
        if (!string.IsNullOrWhiteSpace(settings.Authority))
        {
            options.Authority = settings.Authority;
        }

        options.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = AccessClaims.Subject,
            RoleClaimType = AccessClaims.Role,
            ValidateIssuer = !string.IsNullOrWhiteSpace(settings.Issuer),
            ValidIssuer = settings.Issuer,
            ValidateAudience = !string.IsNullOrWhiteSpace(settings.Audience),
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKey = string.IsNullOrWhiteSpace(settings.SigningKey) ? null : new SymmetricSecurityKey(settings.SigningKeyBytes()),
        };
    }
}
