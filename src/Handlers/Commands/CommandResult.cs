using EventSourced.Domain.Common;

namespace EventSourced.Handlers.Commands;

/// <summary>What a command handler did: committed events to <see cref="StreamId"/>, or refused with <see cref="Error"/>
/// (and appended nothing). <see cref="Transient"/> marks a refusal caused by a concurrent writer: the same command may
/// succeed if decided again on fresh state.</summary>
public sealed record CommandResult(Guid StreamId, DomainError? Error, bool Transient = false)
{
    public bool IsAccepted => Error is null;

    /// <summary>The stream's version after the commit (its HTTP <c>ETag</c>), when accepted and known.</summary>
    public long? Version { get; init; }

    /// <summary>The row read inside the commit, when the caller asked for it (<see cref="CommandAnswers"/>).</summary>
    public object? Answer { get; init; }

    /// <summary>This result with the stream's version after the commit, if it was accepted.</summary>
    public CommandResult AtVersion(long? version) => IsAccepted ? this with { Version = version } : this;

    public static CommandResult Accepted(Guid streamId) => new(streamId, null);

    public static CommandResult Rejected(Guid streamId, DomainError error) => new(streamId, error);
}
