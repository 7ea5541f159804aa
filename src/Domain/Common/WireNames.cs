namespace EventSourced.Domain.Common;

/// <summary>
/// The one way a status (any enum of the domain) is spelled outside the process: in read tables, in the API, in messages
/// and in error texts. Lower case of the member name (<c>Active</c> → <c>active</c>); the names are cached per value.
/// </summary>
public static class WireNames
{
    public static string Of<TStatus>(TStatus status)
        where TStatus : struct, Enum => Cache<TStatus>.Names.TryGetValue(status, out var name) ? name : status.ToString().ToLowerInvariant();

    /// <summary>Every wire name of <typeparamref name="TStatus"/>, in declaration order (for messages such as "must be one of").</summary>
    public static IReadOnlyList<string> All<TStatus>()
        where TStatus : struct, Enum => Cache<TStatus>.Ordered;

    private static class Cache<TStatus>
        where TStatus : struct, Enum
    {
        public static readonly Dictionary<TStatus, string> Names = Enum.GetValues<TStatus>().Distinct().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());
        public static readonly IReadOnlyList<string> Ordered = Enum.GetValues<TStatus>().Select(v => Names[v]).Distinct().ToArray();
    }
}
