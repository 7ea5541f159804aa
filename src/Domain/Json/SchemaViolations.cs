using EventSourced.Domain.Common;
using NJsonSchema.Validation;

namespace EventSourced.Domain.Json;

/// <summary>Turns NJsonSchema's validation errors into field errors that name the JSON path and the schema keyword.</summary>
internal static class SchemaViolations
{
    // NJsonSchema's error kinds, by the JSON Schema keyword that produces them.
    private static readonly Dictionary<string, string> RuleByKind = new(StringComparer.Ordinal)
    {
        ["StringExpected"] = "type", ["NumberExpected"] = "type", ["IntegerExpected"] = "type",
        ["BooleanExpected"] = "type", ["ObjectExpected"] = "type", ["ArrayExpected"] = "type",
        ["NullExpected"] = "type", ["PropertyRequired"] = "required", ["NumberTooBig"] = "maximum",
        ["NumberTooSmall"] = "minimum", ["StringTooShort"] = "minLength", ["StringTooLong"] = "maxLength",
        ["PatternMismatch"] = "pattern", ["NotInEnumeration"] = "enum",
        ["NoAdditionalPropertiesAllowed"] = "additionalProperties", ["AdditionalPropertiesNotValid"] = "additionalProperties",
        ["TooManyItems"] = "maxItems", ["TooFewItems"] = "minItems", ["ItemsNotUnique"] = "uniqueItems",
        ["NumberNotMultipleOf"] = "multipleOf", ["NotAnyOf"] = "anyOf", ["NotOneOf"] = "oneOf", ["NotAllOf"] = "allOf",
        ["ExcludedSchemaValidates"] = "not", ["TooManyProperties"] = "maxProperties", ["TooFewProperties"] = "minProperties",
        ["AdditionalItemNotValid"] = "additionalItems", ["ArrayItemNotValid"] = "items", ["ConstantMismatch"] = "const",
        ["DateTimeExpected"] = "format", ["DateExpected"] = "format", ["TimeExpected"] = "format",
        ["UriExpected"] = "format", ["EmailExpected"] = "format", ["GuidExpected"] = "format",
        ["IpV4Expected"] = "format", ["IpV6Expected"] = "format", ["HostnameExpected"] = "format",
        ["TimeSpanExpected"] = "format", ["Base64Expected"] = "format", ["UuidExpected"] = "format",
    };

    public static IEnumerable<FieldError> ToFieldErrors(IEnumerable<ValidationError> errors, string fieldPath) =>
        errors
            .SelectMany(Innermost)
            .Select(error => ToFieldError(error, fieldPath))
            .Distinct()
            .OrderBy(error => error.Path, StringComparer.Ordinal);

    // "additionalProperties/items not valid" only wraps the real violations deeper down: report those, with their paths.
    // anyOf/oneOf keep their own error: their children are alternatives, not violations.
    private static IEnumerable<ValidationError> Innermost(ValidationError error) =>
        error is ChildSchemaValidationError child && RuleByKind.GetValueOrDefault(error.Kind.ToString()) is not ("anyOf" or "oneOf" or "not")
            && child.Errors.Values.Any(errors => errors.Count > 0)
            ? child.Errors.Values.SelectMany(errors => errors).SelectMany(Innermost)
            : [error];

    private static FieldError ToFieldError(ValidationError error, string fieldPath)
    {
        var kind = error.Kind.ToString();
        var rule = RuleByKind.GetValueOrDefault(kind, kind);
        return new FieldError(PathOf(error, fieldPath), Describe(error, rule), rule);
    }

    // NJsonSchema reports "#/session.defaultDurationMinutes" or "#/tags[1]"; clients see "defaultConfig.session...".
    private static string PathOf(ValidationError error, string fieldPath)
    {
        var path = error.Path ?? "#";
        var relative = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        return JsonPath.Combine(fieldPath, relative);
    }

    private static string Describe(ValidationError error, string rule)
    {
        var schema = error.Schema;
        return rule switch
        {
            "required" => $"'{error.Property}' is required",
            "type" => $"must be of type {schema?.Type.ToString().ToLowerInvariant()}",
            "maximum" => $"must be at most {schema?.Maximum}",
            "minimum" => $"must be at least {schema?.Minimum}",
            "minLength" => $"must be at least {schema?.MinLength} characters long",
            "maxLength" => $"must be at most {schema?.MaxLength} characters long",
            "pattern" => $"must match the pattern '{schema?.Pattern}'",
            "enum" => $"must be one of: {string.Join(", ", schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? [])}",
            "additionalProperties" => $"'{error.Property}' is not allowed",
            "minItems" => $"must have at least {schema?.MinItems} items",
            "maxItems" => $"must have at most {schema?.MaxItems} items",
            "uniqueItems" => "items must be unique",
            "multipleOf" => $"must be a multiple of {schema?.MultipleOf}",
            _ => $"violates the '{rule}' rule",
        } + $" (rule: {rule})";
    }
}
