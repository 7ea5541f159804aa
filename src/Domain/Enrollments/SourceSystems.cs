namespace EventSourced.Domain.Enrollments;

/// <summary>The systems whose events create enrollments (runbook 000: kintell, buddy, upskilling).</summary>
public static class SourceSystems
{
    public const string Kintell = "kintell";
    public const string Buddy = "buddy";
    public const string Upskilling = "upskilling";

    public static IReadOnlyList<string> All { get; } = [Kintell, Buddy, Upskilling];

    public static bool IsKnown(string? source) => source is not null && All.Contains(source);
}
