using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace EventSourced.Domain.Json;

/// <summary>
/// NJsonSchema's validator with limits. NJsonSchema matches <c>pattern</c> and <c>patternProperties</c> with
/// <c>Regex.IsMatch(value, pattern)</c>, which has no time limit, and cannot be given one per expression. So before it
/// visits a value, the same expression (same engine, same options) is first matched here with
/// <see cref="ValidationBudget.PatternTimeout"/>: a match that completes here completes there in the same time, one that
/// does not stops the whole validation with a <see cref="SchemaEvaluationException"/> naming the pattern and the path.
/// Every visit also checks the request's deadline and how deep references have recursed.
/// </summary>
internal sealed class BoundedSchemaValidator(ValidationBudget.Deadline deadline)
    : JsonSchemaValidator(new JsonSchemaValidatorSettings { FormatValidators = BoundedFormatValidators.All })
{
    private const int MaxDepth = 128;
    private const int PatternCacheSize = 512;
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private int _depth;

    protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath)
    {
        if (deadline.HasPassed)
        {
            throw SchemaEvaluationException.OverBudget(propertyPath);
        }

        if (++_depth > MaxDepth)
        {
            throw SchemaEvaluationException.TooDeep(propertyPath, MaxDepth);
        }

        try
        {
            CheckPatternsInTime(token, schema, propertyPath);
            return base.Validate(token, schema, schemaType, propertyName, propertyPath);
        }
        finally
        {
            _depth--;
        }
    }

    private static void CheckPatternsInTime(JToken token, JsonSchema schema, string path)
    {
        if (token.Type == JTokenType.String && !string.IsNullOrEmpty(schema.Pattern))
        {
            Match(schema.Pattern, token.Value<string>()!, path, "the value");
        }

        if (token is JObject value && schema.PatternProperties.Count > 0)
        {
            foreach (var property in value.Properties())
            {
                foreach (var pattern in schema.PatternProperties.Keys)
                {
                    Match(pattern, property.Name, Child(path, property.Name), "the property name");
                }
            }
        }
    }

    private static void Match(string pattern, string value, string path, string what)
    {
        if (Patterns.Count >= PatternCacheSize)
        {
            Patterns.Clear();
        }

        var expression = Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.None, ValidationBudget.PatternTimeout));
        try
        {
            _ = expression.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            throw SchemaEvaluationException.SlowPattern(pattern, path, what);
        }
    }

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
