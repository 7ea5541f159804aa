using EventSourced.Domain.Common;

namespace EventSourced.Projections.Commands;

/// <summary>What a command handler did: committed events to <see cref="StreamId"/>, or refused with <see cref="Error"/>
/// (and appended nothing).</summary>
public sealed record CommandResult(Guid StreamId, DomainError? Error)
{
    public bool IsAccepted => Error is null;

    public static CommandResult Accepted(Guid streamId) => new(streamId, null);

    public static CommandResult Rejected(Guid streamId, DomainError error) => new(streamId, error);
}
