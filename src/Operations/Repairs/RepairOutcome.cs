using EventSourced.Domain.Common;

namespace EventSourced.Operations.Repairs;

/// <summary>
/// What one compensating command did (or, in a dry run, would do) for a finding on <see cref="StreamId"/>:
/// <see cref="Events"/> appended, none because the finding no longer holds, or refused with <see cref="Error"/>.
/// </summary>
public sealed record RepairOutcome(string Finding, Guid StreamId, IReadOnlyList<object> Events, DomainError? Error, bool Applied)
{
    public bool NothingToDo => Error is null && Events.Count == 0;

    /// <summary>The events' type names, in order (the JSON shows each event's data under <see cref="Events"/>).</summary>
    public IReadOnlyList<string> EventTypes => Events.Select(e => e.GetType().Name).ToArray();

    public static RepairOutcome Refused(string finding, Guid streamId, DomainError error) => new(finding, streamId, [], error, false);
}
