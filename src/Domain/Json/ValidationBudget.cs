using System.Diagnostics;

namespace EventSourced.Domain.Json;

/// <summary>
/// How long validating configuration against client-supplied schemas may take: each regular expression match at most
/// <see cref="PatternTimeout"/>, and everything one command validates together at most <see cref="Total"/>. A schema
/// pattern that backtracks catastrophically (<c>^(a+)+$</c>) would otherwise pin a core for days on a 40-character value.
/// A decision that validates several documents (a migration checks every campaign) opens one budget with
/// <see cref="Begin"/>; a validation outside any budget gets one of its own.
/// </summary>
public static class ValidationBudget
{
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Total = TimeSpan.FromSeconds(1);

    private static readonly AsyncLocal<Deadline?> Current = new();

    /// <summary>Starts a budget for everything validated until the scope is disposed; inside another budget, the earlier deadline stands.</summary>
    public static IDisposable Begin()
    {
        if (Current.Value is not null)
        {
            return NoScope.Instance;
        }

        var deadline = new Deadline(Stopwatch.GetTimestamp() + (long)(Total.TotalSeconds * Stopwatch.Frequency));
        Current.Value = deadline;
        return new Scope();
    }

    /// <summary>The deadline of the budget in force (opening one for this validation when there is none).</summary>
    internal static (Deadline Deadline, IDisposable Scope) Enter()
    {
        var scope = Begin();
        return (Current.Value!, scope);
    }

    internal sealed record Deadline(long Timestamp)
    {
        public bool HasPassed => Stopwatch.GetTimestamp() > Timestamp;
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
