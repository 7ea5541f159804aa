namespace EventSourced.Host.Http;

/// <summary>Query-string helpers: <c>?status=</c> (empty) means "no filter", and statuses are matched in lower case.</summary>
public static class Query
{
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string? OptionalStatus(string? value) => Optional(value)?.ToLowerInvariant();
}
