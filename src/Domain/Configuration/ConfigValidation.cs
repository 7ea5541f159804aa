using System.Text.Json;
using EventSourced.Domain.Common;
using EventSourced.Domain.Json;

namespace EventSourced.Domain.Configuration;

/// <summary>Validates an effective (merged) configuration against the template's schema. Each error names the JSON
/// path, the schema rule, and the layer that supplied the offending value.</summary>
public static class ConfigValidation
{
    public const string Failed = "Config validation failed";

    public static IReadOnlyList<FieldError> Check(JsonElement configSchema, EffectiveConfig effective, string fieldPath = "config")
    {
        using var budget = ValidationBudget.Begin();
        var schema = ConfigSchema.TryParse(configSchema, "configSchema", out var schemaErrors);
        if (schema is null)
        {
            return schemaErrors;
        }

        return schema.Validate(effective.ToElement(), fieldPath)
            .Select(error => WithSource(error, effective, fieldPath))
            .ToArray();
    }

    /// <summary>The domain error for a configuration that fails its schema.</summary>
    public static DomainError Error(IReadOnlyList<FieldError> errors) =>
        DomainError.Invalid(Failed, $"The effective configuration violates the template's configSchema in {errors.Count} place(s).", errors);

    /// <summary>
    /// One error for a command's field and config problems together: "Config validation failed" when only the
    /// configuration is wrong (the runbook's message), "Validation failed" listing both otherwise; null when all is well.
    /// </summary>
    public static DomainError? Combine(IReadOnlyCollection<FieldError> fieldErrors, IReadOnlyCollection<FieldError> configErrors) =>
        (fieldErrors.Count, configErrors.Count) switch
        {
            (0, 0) => null,
            (0, _) => Error([.. configErrors]),
            _ => DomainError.Validation([.. fieldErrors, .. configErrors]),
        };

    private static FieldError WithSource(FieldError error, EffectiveConfig effective, string fieldPath)
    {
        // The offending value is a leaf, or lies inside one (an array item such as "topics[1]"): a leaf comes whole from one layer.
        for (var path = error.Path.Length > fieldPath.Length ? error.Path[(fieldPath.Length + 1)..] : string.Empty;
             path.Length > 0;
             path = path[..Math.Max(path.LastIndexOfAny(['.', '[']), 0)])
        {
            if (effective.Provenance.TryGetValue(path, out var source))
            {
                return error with { Message = $"{error.Message}; value from {source.Source}" };
            }
        }

        return error;
    }
}
