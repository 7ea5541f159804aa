namespace EventSourced.Domain.Json;

/// <summary>
/// A configuration could not be checked against its schema within <see cref="ValidationBudget"/>, or the schema cannot be
/// evaluated at all (a reference that resolves only to itself). Thrown inside the validator to stop it at once; turned into a
/// field error naming the path by <see cref="ConfigSchema.Validate"/>.
/// </summary>
internal sealed class SchemaEvaluationException(string relativePath, string message, string rule) : Exception(message)
{
    public string RelativePath { get; } = relativePath;

    public string Rule { get; } = rule;

    public static SchemaEvaluationException SlowPattern(string pattern, string relativePath, string what) => new(relativePath,
        $"{what} could not be matched against the pattern '{pattern}' within {ValidationBudget.PatternRetryTimeout.TotalMilliseconds:0} ms: " +
        "the pattern backtracks catastrophically on this value. Simplify the pattern (nested quantifiers such as (a+)+ are the usual cause).",
        "pattern");

    public static SchemaEvaluationException OverBudget(string relativePath) => new(relativePath,
        $"could not be validated within one request's budget ({ValidationBudget.MaxVisits} schema checks, " +
        $"{ValidationBudget.MatchingTime.TotalMilliseconds:0} ms of pattern matching); the schema's patterns, its combinators " +
        "(anyOf/oneOf/allOf nested in each other) or its size make validation too slow. Simplify the schema or the configuration.", "budget");

    public static SchemaEvaluationException TooDeep(string relativePath, int depth) => new(relativePath,
        $"could not be validated: the schema's references nest more than {depth} levels deep here (a reference that leads back to " +
        "itself without consuming any data never ends).", "$ref");

    public static SchemaEvaluationException Unresolvable(string relativePath, string reason) => new(relativePath,
        $"could not be validated: the schema cannot be evaluated ({reason}).", "$ref");
}
