using System.Text.Json;
using EventSourced.Domain.Common;
using EventSourced.Domain.Json;

namespace EventSourced.Domain.Templates;

/// <summary>The invariant binding a template's two JSON documents: the schema is a JSON Schema and the defaults satisfy it.</summary>
public static class TemplateContentRules
{
    public static IReadOnlyList<FieldError> Check(JsonElement defaultConfig, JsonElement configSchema)
    {
        var schema = ConfigSchema.TryParse(configSchema, "configSchema", out var schemaErrors);
        if (schema is null)
        {
            return schemaErrors;
        }

        return defaultConfig.ValueKind == JsonValueKind.Object
            ? schema.Validate(defaultConfig, "defaultConfig")
            : [new FieldError("defaultConfig", "must be a JSON object", "type")];
    }
}
