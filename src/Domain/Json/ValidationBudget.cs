using System.Diagnostics;

namespace EventSourced.Domain.Json;

/// <summary>
/// How much work validating configuration against client-supplied schemas may take, so that nothing a client sends can keep
/// a thread busy after the answer. A schema pattern that backtracks catastrophically (<c>^(a+)+$</c>) would otherwise pin a
/// core for days on a 40-character value, and nested <c>anyOf</c>s multiply the work exponentially. Bounded by:
/// <list type="bullet">
/// <item>each regular expression match: <see cref="PatternTimeout"/> (and, if that is exceeded, once more with
/// <see cref="PatternRetryTimeout"/>, so a thread that was merely descheduled on a busy machine does not fail a valid
/// value);</item>
/// <item>the time spent matching, all matches together: <see cref="MatchingTime"/>;</item>
/// <item>the number of (value, schema) visits: <see cref="MaxVisits"/> — counted, not timed, so a slow machine never turns a
/// valid request into an error.</item>
/// </list>
/// Everything one command validates shares one budget: a decision that validates several documents (a migration checks
/// every campaign) opens it with <see cref="Begin"/>; a validation outside any budget gets one of its own.
/// </summary>
public sealed class ValidationBudget
{
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan PatternRetryTimeout = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MatchingTime = TimeSpan.FromSeconds(1);
    public const int MaxVisits = 50_000;

    private static readonly AsyncLocal<ValidationBudget?> Current = new();

    private long _matchingTicks;
    private int _visits;

    private ValidationBudget()
    {
    }

    /// <summary>Starts a budget for everything validated until the scope is disposed; inside another budget, that one stands.</summary>
    public static IDisposable Begin()
    {
        if (Current.Value is not null)
        {
            return NoScope.Instance;
        }

        Current.Value = new ValidationBudget();
        return new Scope();
    }

    /// <summary>The budget in force (opening one for this validation when there is none).</summary>
    internal static (ValidationBudget Budget, IDisposable Scope) Enter()
    {
        var scope = Begin();
        return (Current.Value!, scope);
    }

    /// <summary>A budget of its own, outside the one in force: for checking a schema against the meta-schema, whose work is
    /// bounded by the schema's size and must not eat into the budget for validating configuration.</summary>
    internal static (ValidationBudget Budget, IDisposable Scope) Unshared() => (new ValidationBudget(), NoScope.Instance);

    /// <summary>Counts one visit; false when the budget has none left.</summary>
    internal bool TryVisit() => ++_visits <= MaxVisits;

    /// <summary>Counts the time a match took; false when matching has used up its time.</summary>
    internal bool TrySpend(long stopwatchTicks)
    {
        _matchingTicks += stopwatchTicks;
        return _matchingTicks <= MatchingTime.TotalSeconds * Stopwatch.Frequency;
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
