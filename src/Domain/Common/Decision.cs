namespace EventSourced.Domain.Common;

/// <summary>
/// The outcome of a pure decision: either the events to append, or the error that refuses the command
/// (in which case nothing may be appended).
/// </summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<object> events, DomainError? error)
    {
        Events = events;
        Error = error;
    }

    public IReadOnlyList<object> Events { get; }

    public DomainError? Error { get; }

    public bool IsAccepted => Error is null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Accept(IEnumerable<object> events) => new(events.ToArray(), null);

    public static Decision Reject(DomainError error) => new([], error);

    public static implicit operator Decision(DomainError error) => Reject(error);

    public override string ToString() =>
        IsAccepted ? $"Accepted: {string.Join(", ", Events.Select(e => e.GetType().Name))}" : $"Rejected: {Error}";
}
