namespace EventSourced.Domain.Common;

/// <summary>
/// A command on one existing aggregate that may name the stream version its caller last saw (an HTTP <c>If-Match</c>, or a
/// library caller's own). When set, the command is refused with <see cref="ErrorKind.PreconditionFailed"/> if the stream has
/// moved on, instead of being decided on state the caller never saw. Null: decided on the current state, as always.
/// </summary>
public interface IExpectStreamVersion
{
    long? ExpectedVersion { get; }
}
