using NJsonSchema;
using NJsonSchema.References;

namespace EventSourced.Domain.Json;

/// <summary>
/// Resolves <c>$ref</c> only inside the schema document itself. A schema supplied by a client must never make
/// the service read a file or call a URL (that would be I/O inside a decision, and a server-side request forgery).
/// </summary>
internal sealed class LocalReferencesOnly(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
{
    public static Func<JsonSchema, JsonReferenceResolver> Factory { get; } =
        schema => new LocalReferencesOnly(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));

    public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"'$ref' to the file '{filePath}' is not allowed; only references inside the schema ('#/...') are.");

    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"'$ref' to the URL '{url}' is not allowed; only references inside the schema ('#/...') are.");
}
