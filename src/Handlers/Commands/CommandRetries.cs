using JasperFx;
using Marten.Exceptions;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace EventSourced.Handlers.Commands;

/// <summary>
/// Races a command may lose without being wrong: Marten's expected-version check on a stream it appended to, a stream id taken
/// by a concurrent twin, or a unique read-table value (a program key) committed first. Wolverine runs the whole handler again on
/// a fresh session (load, decide, append, one commit), so the retry decides on the state the winner left; only commands whose
/// outcome does not depend on winning opt in (a new campaign, a new program key, a reviewer who then sees the decision that
/// stands), never one that must report the race (two publishes of one draft).
/// </summary>
public static class CommandRetries
{
    public static void RetryOnRace(this HandlerChain chain, int attempts) =>
        chain.OnException(IsLostRace).RetryTimes(attempts - 1);

    public static bool IsLostRace(Exception ex) =>
        ex is ConcurrencyException or ExistingStreamIdCollisionException || SessionCommits.UniqueViolation(ex) is not null;
}
