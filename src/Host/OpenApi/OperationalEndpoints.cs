using EventSourced.Operations.Health;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventSourced.Host.OpenApi;

/// <summary>
/// Health and metrics are mapped by ASP.NET Core's health checks and the Prometheus exporter, which API Explorer does not
/// see; they are described here so the document lists every endpoint the host serves. All anonymous.
/// </summary>
public static class OperationalEndpoints
{
    public const string Tag = "Operations";

    public static void Configure(OpenApiOptions options) => options.AddDocumentTransformer(DescribeAsync);

    private static async Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellation)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(HealthReportView), cancellationToken: cancellation);
        document.AddComponent(nameof(HealthReportView), schema);
        var report = new OpenApiSchemaReference(nameof(HealthReportView), document);
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = Tag });
        document.Paths ??= [];

        Add(document, "/health/live", "Liveness: the process answers. Runs no checks.",
            ("200", "Healthy", "text/plain", text));
        Add(document, "/health/ready", "Readiness: PostgreSQL answers, the Marten schema is current, Wolverine's durability agent runs " +
            "(Degraded, still ready, when it runs on another node).",
            ("200", "Ready (Healthy or Degraded)", "application/json", report), ("503", "Not ready", "application/json", report));
        Add(document, "/health", "Every check, as JSON.",
            ("200", "Healthy or Degraded", "application/json", report), ("503", "A check is unhealthy", "application/json", report));
        Add(document, "/metrics", "Prometheus text exposition (OpenTelemetry): HTTP, Marten, Wolverine and EventSourced instruments.",
            ("200", "Metrics", "text/plain", text));
    }

    private static void Add(OpenApiDocument document, string path, string description, params (string Status, string Description, string MediaType, IOpenApiSchema Schema)[] responses)
    {
        var operation = new OpenApiOperation
        {
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
            Responses = [],
        };
        foreach (var (status, text, mediaType, schema) in responses)
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = schema } },
            };
        }

        document.Paths[path] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }
}
