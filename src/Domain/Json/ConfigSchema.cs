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

        var metaErrors = Bounded(MetaSchema.Value, raw, fieldPath, out var evaluationError, unshared: true);
        if (evaluationError is not null)
        {
            errors = [evaluationError];
            return null;
        }

        if (metaErrors.Count > 0)
        {
            errors = SchemaViolations.ToFieldErrors(metaErrors, fieldPath)
                .Select(e => e with { Message = $"is not a valid JSON Schema: {e.Message}" })
                .ToArray();
            return null;
        }

        if (InvalidPatterns(schemaJson, fieldPath).ToArray() is { Length: > 0 } patternErrors)
        {
            errors = patternErrors;
            return null;
        }

        try
        {
            // FromJsonAsync completes synchronously: LocalReferencesOnly never performs I/O.
            var parsed = JsonSchema.FromJsonAsync(raw, documentPath: null, LocalReferencesOnly.Factory).GetAwaiter().GetResult();
            if (SchemaReferences.FindUnresolvable(parsed) is { } unresolvable)
            {
                errors = [new FieldError(fieldPath, $"is not a usable JSON Schema: {unresolvable}", "$ref")];
                return null;
            }

            var schema = new ConfigSchema(parsed);
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
    /// Validation stays within <see cref="ValidationBudget"/>; a pattern too slow for it, or a schema that cannot be evaluated,
    /// is one error naming the pattern or the reason and the path where validation stopped.
    public IReadOnlyList<FieldError> Validate(JsonElement config, string fieldPath)
    {
        var violations = Bounded(_schema, config.GetRawText(), fieldPath, out var evaluationError);
        return evaluationError is not null ? [evaluationError] : SchemaViolations.ToFieldErrors(violations, fieldPath).ToArray();
    }

    private static ICollection<NJsonSchema.Validation.ValidationError> Bounded(JsonSchema schema, string json, string fieldPath, out FieldError? evaluationError,
        bool unshared = false)
    {
        var (budget, scope) = unshared ? ValidationBudget.Unshared() : ValidationBudget.Enter();
        using (scope)
        {
            evaluationError = null;
            try
            {
                return new BoundedSchemaValidator(budget).Validate(json, schema);
            }
            catch (SchemaEvaluationException ex)
            {
                evaluationError = new FieldError(JsonPath.Combine(fieldPath, ex.RelativePath), ex.Message, ex.Rule);
            }
            catch (InvalidOperationException ex)
            {
                // NJsonSchema's "Cyclic references detected." for a reference chain that never reaches a schema.
                evaluationError = new FieldError(fieldPath, SchemaEvaluationException.Unresolvable(string.Empty, ex.Message).Message, "$ref");
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                evaluationError = new FieldError(fieldPath, $"could not be read for validation: {ex.Message}", "json");
            }

            return [];
        }
    }

    /// <summary>
    /// Every <c>pattern</c> (and <c>patternProperties</c> key) that is not a regular expression. The meta-schema only says
    /// they are strings; a broken one would be accepted and then throw while validating a configuration. Data keywords
    /// (<c>enum</c>, <c>const</c>, <c>default</c>, <c>examples</c>) hold values, not schemas, and are not searched; the
    /// names in a map of schemas (<c>properties</c>, <c>definitions</c>…) are names, not keywords, however they are spelt.
    /// </summary>
    private static IEnumerable<FieldError> InvalidPatterns(JsonElement schema, string path)
    {
        if (schema.ValueKind == JsonValueKind.Array)
        {
            // allOf, anyOf, oneOf, items as a tuple: a list of schemas.
            var index = 0;
            return schema.EnumerateArray().SelectMany(item => InvalidPatterns(item, $"{path}[{index++}]")).ToArray();
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var errors = new List<FieldError>();
        foreach (var keyword in schema.EnumerateObject())
        {
            var at = $"{path}.{keyword.Name}";
            switch (keyword.Name)
            {
                case "enum" or "const" or "default" or "examples":
                    break;
                case "pattern" when keyword.Value.ValueKind == JsonValueKind.String:
                    if (RegexProblem(keyword.Value.GetString()!) is { } problem)
                    {
                        errors.Add(new FieldError(at, $"is not a valid regular expression: {problem}", "pattern"));
                    }

                    break;
                case "patternProperties" when keyword.Value.ValueKind == JsonValueKind.Object:
                    foreach (var property in keyword.Value.EnumerateObject())
                    {
                        if (RegexProblem(property.Name) is { } keyProblem)
                        {
                            errors.Add(new FieldError($"{at}.{property.Name}", $"is not a valid regular expression: {keyProblem}", "patternProperties"));
                        }

                        errors.AddRange(InvalidPatterns(property.Value, $"{at}.{property.Name}"));
                    }

                    break;
                case "properties" or "definitions" or "$defs" or "dependencies" when keyword.Value.ValueKind == JsonValueKind.Object:
                    foreach (var property in keyword.Value.EnumerateObject())
                    {
                        errors.AddRange(InvalidPatterns(property.Value, $"{at}.{property.Name}"));
                    }

                    break;
                default:
                    errors.AddRange(InvalidPatterns(keyword.Value, at));
                    break;
            }
        }

        return errors;
    }

    private static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private static JsonSchema LoadMetaSchema()
    {
        using var stream = typeof(ConfigSchema).Assembly.GetManifestResourceStream("EventSourced.Domain.json-schema-draft-07.json")
            ?? throw new InvalidOperationException("The JSON Schema meta-schema is not embedded in EventSourced.Domain.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd(), documentPath: null, LocalReferencesOnly.Factory).GetAwaiter().GetResult();
    }
}
