using System.Collections.Concurrent;
using System.Text.Json;
using EventSourced.Domain.Common;
using NJsonSchema;

namespace EventSourced.Domain.Json;

/// <summary>
/// A template's <c>configSchema</c>: checked to be a JSON Schema (draft-07 meta-schema, then NJsonSchema's own
/// parser), and used to validate configuration documents. Pure: no file or network access, ever.
/// </summary>
public sealed class ConfigSchema
{
    private static readonly Lazy<JsonSchema> MetaSchema = new(LoadMetaSchema);

    // Templates are immutable once published, so the same few schemas are parsed over and over; parsing (meta-schema
    // validation included) costs far more than validating. Bounded: cleared when it grows past its size.
    private const int CacheSize = 512;
    private static readonly ConcurrentDictionary<string, ConfigSchema> ParsedSchemas = new(StringComparer.Ordinal);

    private readonly JsonSchema _schema;

    private ConfigSchema(JsonSchema schema) => _schema = schema;

    /// <summary>Parses <paramref name="schemaJson"/>; on failure, errors name paths under <paramref name="fieldPath"/>.</summary>
    public static ConfigSchema? TryParse(JsonElement schemaJson, string fieldPath, out IReadOnlyList<FieldError> errors)
    {
        if (schemaJson.ValueKind != JsonValueKind.Object)
        {
            errors = [new FieldError(fieldPath, "must be a JSON object (a JSON Schema); use {} to accept any configuration", "type")];
            return null;
        }

        var raw = schemaJson.GetRawText();
        if (ParsedSchemas.TryGetValue(raw, out var cached))
        {
            errors = [];
            return cached;
        }

        var metaErrors = MetaSchema.Value.Validate(raw);
        if (metaErrors.Count > 0)
        {
            errors = SchemaViolations.ToFieldErrors(metaErrors, fieldPath)
                .Select(e => e with { Message = $"is not a valid JSON Schema: {e.Message}" })
                .ToArray();
            return null;
        }

        try
        {
            // FromJsonAsync completes synchronously: LocalReferencesOnly never performs I/O.
            var schema = new ConfigSchema(JsonSchema.FromJsonAsync(raw, documentPath: null, LocalReferencesOnly.Factory).GetAwaiter().GetResult());
            if (ParsedSchemas.Count >= CacheSize)
            {
                ParsedSchemas.Clear();
            }

            ParsedSchemas[raw] = schema;
            errors = [];
            return schema;
        }
        catch (Exception ex) when (ex is JsonException or Newtonsoft.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            errors = [new FieldError(fieldPath, $"is not a usable JSON Schema: {ex.Message}", "$schema")];
            return null;
        }
    }

    /// <summary>Every way <paramref name="config"/> violates the schema, each naming its path under <paramref name="fieldPath"/>.</summary>
    public IReadOnlyList<FieldError> Validate(JsonElement config, string fieldPath) =>
        SchemaViolations.ToFieldErrors(_schema.Validate(config.GetRawText()), fieldPath).ToArray();

    private static JsonSchema LoadMetaSchema()
    {
        using var stream = typeof(ConfigSchema).Assembly.GetManifestResourceStream("EventSourced.Domain.json-schema-draft-07.json")
            ?? throw new InvalidOperationException("The JSON Schema meta-schema is not embedded in EventSourced.Domain.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd(), documentPath: null, LocalReferencesOnly.Factory).GetAwaiter().GetResult();
    }
}
