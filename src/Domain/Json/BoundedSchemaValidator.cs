using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace EventSourced.Domain.Json;

/// <summary>
/// NJsonSchema's validator with limits. NJsonSchema matches <c>pattern</c> and <c>patternProperties</c> with
/// <c>Regex.IsMatch(value, pattern)</c>, which has no time limit, and cannot be given one per expression. So before it
/// visits a value, the same expression (same engine, same options) is first matched here with a timeout: a match that
/// completes here completes there in the same time, one that does not stops the whole validation with a
/// <see cref="SchemaEvaluationException"/> naming the pattern and the path. Every visit is also counted against the
/// <see cref="ValidationBudget"/>, and recursion through references is bounded.
/// </summary>
internal sealed class BoundedSchemaValidator(ValidationBudget budget)
    : JsonSchemaValidator(new JsonSchemaValidatorSettings { FormatValidators = BoundedFormatValidators.All })
{
    private const int MaxDepth = 128;
    private const int PatternCacheSize = 512;
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Regex> PatternsOnRetry = new(StringComparer.Ordinal);

    private int _depth;

    protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath)
    {
        if (!budget.TryVisit())
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

    private void CheckPatternsInTime(JToken token, JsonSchema schema, string path)
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

    private void Match(string pattern, string value, string path, string what)
    {
        var started = Stopwatch.GetTimestamp();
        var completed = TryMatch(Patterns, ValidationBudget.PatternTimeout, pattern, value)
            || TryMatch(PatternsOnRetry, ValidationBudget.PatternRetryTimeout, pattern, value); // descheduled, or really slow?
        if (!completed)
        {
            throw SchemaEvaluationException.SlowPattern(pattern, path, what);
        }

        if (!budget.TrySpend(Stopwatch.GetTimestamp() - started))
        {
            throw SchemaEvaluationException.OverBudget(path);
        }
    }

    private static bool TryMatch(ConcurrentDictionary<string, Regex> cache, TimeSpan timeout, string pattern, string value)
    {
        if (cache.Count >= PatternCacheSize)
        {
            cache.Clear();
        }

        try
        {
            _ = cache.GetOrAdd(pattern, p => new Regex(p, RegexOptions.None, timeout)).IsMatch(value);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
