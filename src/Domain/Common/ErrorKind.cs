namespace EventSourced.Domain.Common;

/// <summary>What kind of refusal a domain error is; hosts map it to a status code (400, 404, 409, 412).</summary>
public enum ErrorKind
{
    /// <summary>The command is malformed or breaks an invariant (HTTP 400).</summary>
    Invalid,

    /// <summary>A referenced aggregate does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The command conflicts with the current state: an illegal transition or a duplicate (HTTP 409).</summary>
    Conflict,

    /// <summary>The caller named a stream version (<see cref="IExpectStreamVersion"/>, HTTP <c>If-Match</c>) and the stream has moved on (HTTP 412).</summary>
    PreconditionFailed,
}
