using JasperFx.Events;
using Marten;
using Wolverine;

namespace EventSourced.Handlers.Commands;

/// <summary>
/// A caller that answers with the row a command left (an HTTP endpoint) asks for it with <see cref="Request"/> when it invokes the
/// command through Wolverine; the handler then reads the row inside its own commit (<see cref="ReadAtCommit{TView}"/>), so the
/// answer is never a later writer's row. Callers that only need the result (the bench, message producers) pay no read.
/// </summary>
public static class CommandAnswers
{
    public const string Header = "eventsourced-answer";

    /// <summary>Delivery options that ask the handler for the row as its commit leaves it.</summary>
    public static DeliveryOptions Request => new() { Headers = { [Header] = "row-at-commit" } };

    /// <summary>
    /// This result, carrying the row read inside the commit when the envelope asked for it. A decision that appended nothing is
    /// answered too, with the row checked to be at the version the decision saw on <paramref name="stream"/> (else decided again).
    /// </summary>
    public static CommandResult Answering<TView, TState>(this CommandResult result, IDocumentSession session, Envelope? envelope,
        IEventStream<TState> stream, Func<IQuerySession, CancellationToken, Task<TView?>> read)
        where TView : class
        where TState : class
    {
        if (envelope?.Headers.ContainsKey(Header) != true || !result.IsAccepted)
        {
            return result;
        }

        var changesNothing = !session.PendingChanges.Streams().Any(s => s.Events.Count > 0) && !session.PendingChanges.Operations().Any();
        return result with
        {
            Answer = changesNothing
                ? ReadAtCommit<TView>.RegisterUnchanged(session, stream.Id, stream.StartingVersion ?? 0, read)
                : ReadAtCommit<TView>.Register(session, read),
        };
    }

    /// <summary>The row the command's commit left, when it was asked for and read inside that commit.</summary>
    public static TView? RowAtCommit<TView>(this CommandResult result)
        where TView : class =>
        result.Answer is ReadAtCommit<TView> { HasRead: true } answer ? answer.View : null;
}
