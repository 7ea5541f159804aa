using EventSourced.Handlers.Commands;
using EventSourced.Host.Http.Answers;
using Marten;
using Wolverine;

namespace EventSourced.Host.Http;

/// <summary>
/// Answers commands that go through a Projections handler rather than the aggregate workflow (<see cref="AggregateWrites"/>):
/// the ones that touch several streams whose ids come from state. No endpoint commits: either the handler stages its events in
/// the endpoint's session and Wolverine's transactional middleware commits it once, or, for commands decided again when they
/// lose a race, the endpoint invokes the command through Wolverine, whose handler chain commits and retries on a fresh session
/// (HTTP endpoints have no retry policies of their own). Either way a 200 carries the row as that commit left it.
/// </summary>
public static class CommandResults
{
    /// <summary>
    /// Stages a command on an existing resource in this endpoint's session; the middleware's commit reads the view inside the
    /// transaction, so a writer that won a race is answered with its own change even if another writer commits right after.
    /// </summary>
    public static async Task<Changed<TView>> OkAtCommitAsync<TView>(this IDocumentSession session, HttpContext context, Guid id,
        Func<IQuerySession, Guid, CancellationToken, Task<TView?>> find, Func<Task<CommandResult>> stage, CancellationToken cancellation)
        where TView : class
    {
        var view = ReadAtCommit<TView>.Register(session, (query, token) => find(query, id, token));
        var result = await stage();
        return result.Error is { } error
            ? error.ToProblem(context)
            : Changed<TView>.AtCommit(new RowAtCommit<TView>(view, result.Version, location: null));
    }

    /// <summary>Stages a creation in this endpoint's session: 201 with the Location and the row as the commit left it.</summary>
    public static async Task<CreatedFrom<TView>> CreatedAtCommitAsync<TView>(this IDocumentSession session, HttpContext context, string collectionPath,
        Func<IQuerySession, Guid, CancellationToken, Task<TView?>> find, Func<Task<CommandResult>> stage)
        where TView : class
    {
        var result = await stage();
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }

        var view = ReadAtCommit<TView>.Register(session, (query, token) => find(query, result.StreamId, token));
        return CreatedFrom<TView>.AtCommit(new RowAtCommit<TView>(view, result.Version, $"{collectionPath}/{result.StreamId}"));
    }

    /// <summary>
    /// Runs a command through Wolverine (its handler commits, and decides again on a lost race) and answers 200 with the row its
    /// handler read inside that commit; a race lost for good propagates to <see cref="ConflictExceptionHandler"/> (409/412).
    /// </summary>
    public static async Task<Changed<TView>> OkAtCommitAsync<TView>(this IMessageBus bus, HttpContext context, object command, CancellationToken cancellation)
        where TView : class
    {
        var result = await bus.InvokeAsync<CommandResult>(command, CommandAnswers.Request, cancellation);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }

        SetVersion(context, result);
        return result.RowAtCommit<TView>() is { } view
            ? Changed<TView>.Ok(view)
            : MissingRow(result.StreamId);
    }

    /// <summary>
    /// Runs a creation through Wolverine and answers 201 with the new row. Read after the commit: the new id is first revealed in
    /// this very response, so no other writer can have changed the resource in between.
    /// </summary>
    public static async Task<Created<TView>> CreatedAsync<TView>(this IMessageBus bus, HttpContext context, object command, string collectionPath,
        Func<Guid, Task<TView?>> load, CancellationToken cancellation)
        where TView : class
    {
        var result = await bus.InvokeAsync<CommandResult>(command, cancellation);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }

        SetVersion(context, result);
        return await load(result.StreamId) is { } view
            ? Created<TView>.At($"{collectionPath}/{result.StreamId}", view)
            : MissingRow(result.StreamId);
    }

    private static void SetVersion(HttpContext context, CommandResult result)
    {
        if (result.Version is { } version)
        {
            context.SetETag(version);
        }
    }

    // The read table is written inline, in the transaction that committed the events, so a missing row is a defect.
    private static Problem MissingRow(Guid streamId) =>
        new(Results.Problem($"Stream {streamId} was saved but its read row is missing.", statusCode: StatusCodes.Status500InternalServerError));
}
