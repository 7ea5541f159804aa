using System.Text.Json;
using EventSourced.Domain.Common;
using EventSourced.Domain.Json;

namespace EventSourced.Domain.Templates;

/// <summary>The invariant binding a template's two JSON documents: the schema is a JSON Schema and the defaults satisfy it.
/// Non-object values are left to the command validators, so each problem is reported once.</summary>
public static class TemplateContentRules
{
    public static IReadOnlyList<FieldError> Check(JsonElement? defaultConfig, JsonElement? configSchema)
    {
        // Documents that cannot be stored (or read unambiguously) are not parsed as a schema nor validated.
        var documentErrors = ConfigDocumentRules.Check(defaultConfig, "defaultConfig").Concat(ConfigDocumentRules.Check(configSchema, "configSchema")).ToArray();
        if (documentErrors.Length > 0)
        {
            return documentErrors;
        }

        if (configSchema is not { ValueKind: JsonValueKind.Object } schemaJson)
        {
            return [];
        }

        using var budget = ValidationBudget.Begin();

        var schema = ConfigSchema.TryParse(schemaJson, "configSchema", out var schemaErrors);
        if (schema is null)
        {
            return schemaErrors;
        }

        return defaultConfig is { ValueKind: JsonValueKind.Object } defaults ? schema.Validate(defaults, "defaultConfig") : [];
    }
}
