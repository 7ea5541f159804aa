namespace EventSourced.Projections.Integrity;

/// <summary>How the check and repair name a failure in a report line.</summary>
internal static class Failures
{
    /// <summary>The root cause of a failure (e.g. the PostgreSQL error under Marten's wrapper).</summary>
    public static Exception Innermost(this Exception ex) => ex.InnerException is null ? ex : ex.InnerException.Innermost();
}
