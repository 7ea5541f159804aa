using System.Text.Json.Serialization;
using EventSourced.Host.Http;
using EventSourced.Host.Observability;
using EventSourced.Host.Postgres;
using EventSourced.Host.Security;
using EventSourced.Host.Tenancy;
using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Operations;
using EventSourced.Operations.Approvals;
using EventSourced.Operations.Metrics;
using EventSourced.Operations.Health;
using EventSourced.Handlers.Messaging;
using EventSourced.Handlers.Messaging.Integration;
using EventSourced.Handlers.Registration;
using EventSourced.Projections.Registration;
using JasperFx.CodeGeneration;
using JasperFx.OpenTelemetry;
using Marten;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.Hosting;

/// <summary>The reference host's wiring: Marten with EventSourced's events and read tables, Wolverine handlers and
/// HTTP endpoints, problem details for every error.</summary>
public static class EventSourcedHost
{
    public const string DefaultUrl = "http://127.0.0.1:3021";

    public static async Task<WebApplicationBuilder> AddEventSourcedHostAsync(this WebApplicationBuilder builder)
    {
        builder.LogToStandardError(); // stdout is for command output (integrity --json, token)
        // The runbook's program-service port, unless --urls, ASPNETCORE_URLS or ASPNETCORE_HTTP(S)_PORTS says otherwise
        // (UseUrls would override the ports settings).
        if (ServerUrl.Configured(builder.Configuration).Count == 0)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var embedded = MartenConnection.IsEmbedded(builder.Configuration);
        var connectionString = await MartenConnection.ResolveAsync(builder);
        var schema = builder.Configuration["Marten:Schema"] ?? "public";
        builder.AddEventSourcedAuthentication(connectionString, schema, embedded);
        var tenancy = builder.AddEventSourcedTenancy(connectionString, schema);

        builder.Services.AddSingleton(TimeProvider.System);
        // Feature flags read at runtime, health checks, gauges, the periodic integrity check on one node: EventSourced.Operations,
        // as any host embedding the packages gets them.
        builder.Services.AddEventSourcedOperations(builder.Configuration, metrics => metrics.AddPrometheusExporter());
        // Traces only when they go somewhere: an OTLP collector (OpenTelemetry:Otlp:Endpoint, or the standard
        // OTEL_EXPORTER_OTLP_ENDPOINT, which the exporter also reads with the other OTEL_* variables).
        var otlp = builder.Configuration["OpenTelemetry:Otlp:Endpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var tracing = !string.IsNullOrWhiteSpace(otlp);
        if (tracing)
        {
            builder.Services.AddEventSourcedTracing(traces => traces.AddOtlpExporter(exporter => exporter.Endpoint = new Uri(otlp!)));
        }
        var amqp = builder.Configuration.GetConnectionString(EventSourcedRabbitMq.ConnectionStringName);
        var broker = !string.IsNullOrWhiteSpace(amqp);
        var reminders = builder.Configuration.ReadStaleApprovalOptions().Enabled;
        var marten = builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = schema;
                options.UseEventSourcedTenancy(tenancy, connectionString); // one database, or one per tenant
                options.AddEventSourced(tenancy.Mode);
                options.OpenTelemetry.TrackConnections = tracing ? TrackLevel.Normal : TrackLevel.None; // Marten's spans in the trace
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine(integration =>
            {
                integration.UseMainDatabase(tenancy, connectionString);
                // The event subscriptions (stale-approval reminders, integration events) run on one node each, assigned by
                // Wolverine's agents (several nodes included).
                integration.UseWolverineManagedEventSubscriptionDistribution = broker || reminders;
            });
        if (reminders)
        {
            marten.ScheduleStaleApprovalReminders();
        }

        if (broker)
        {
            marten.PublishEventSourcedIntegrationEvents();
        }

        builder.Host.UseWolverine(options =>
        {
            // Under a test host Wolverine would otherwise scan the test assembly and find no endpoints.
            options.ApplicationAssembly = typeof(EventSourcedHost).Assembly;
            options.AddEventSourced(); // handlers, durable local queues, dead-letter and retry policies
            options.Policies.AutoApplyTransactions();
            // The token's subject rides on every message a request sends, and Wolverine's Marten sessions record it as the
            // events' user (their correlation id comes from X-Correlation-Id the same way).
            options.EnableRelayOfUserName = true;
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;

            // A broker only when one is configured: the external events' queues, dead letters in PostgreSQL (EventSourced.Handlers).
            if (broker)
            {
                options.UseEventSourcedRabbitMq(amqp!,
                    parallelism: builder.Configuration.GetValue("RabbitMq:Parallelism", EventSourcedRabbitMq.DefaultParallelism));
            }

            // Wolverine's own durability settings by configuration (e.g. Wolverine:Durability:StaleNodeTimeout=00:00:20: how
            // soon a crashed node's inbox is taken over), so operators tune them without a build.
            builder.Configuration.GetSection(DurabilitySection).Bind(options.Durability);
        });

        var bodyLimits = RequestBodyLimits.From(builder.Configuration);
        builder.Services.AddSingleton(bodyLimits);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = bodyLimits.MaxBytes);

        builder.Services.AddWolverineHttp();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadHttpRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<ConflictExceptionHandler>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddWriteRateLimiting(builder.Configuration);
        builder.Services.AddOpenApi(OpenApi.EventSourcedOpenApi.Configure); // /openapi/v1.json, from the endpoints' metadata (Wolverine.Http feeds ApiExplorer)
        return builder;
    }

    /// <summary>The configuration section bound to Wolverine's <see cref="Wolverine.DurabilitySettings"/>.</summary>
    public const string DurabilitySection = "Wolverine:Durability";

    public static WebApplication UseEventSourcedHost(this WebApplication app)
    {
        app.UseMiddleware<CorrelationId>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<LoopbackOnlyGuard>(); // auth off for loopback: nothing served on another address
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication: a token's subject has a budget of its own (see WriteRateLimiting)
        app.UseAuthorization();
        app.UseTenantGuard(); // tenanted: no tenant claim, no API
        app.UseMiddleware<JsonBodyGuard>(); // size (413), JSON only (415), NUL, lone surrogates, duplicate keys, unstorable numbers (400)
        app.UseMiddleware<EmptyIdGuard>();
        app.MapEventSourcedHealthChecks();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi();
        // The interactive reference of that document, with the bearer scheme to try the API from the page; / leads there.
        app.MapScalarApiReference("/docs", docs => docs
            .WithTitle("EventSourced API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription();
        var authentication = app.Services.GetRequiredService<AuthenticationMode>();
        var tenancy = app.Services.GetRequiredService<TenancySettings>();
        app.MapWolverineEndpoints(options =>
        {
            options.RejectUnparseableQueryValues = true;
            options.AddPolicy<RequestMetadataPolicy>(); // who and why on the events of every write
            options.RequireRoles(authentication);
            options.DetectTenants(tenancy);
        });
        return app;
    }
}
