using EventSourced.Projections.Commands;
using Marten;

namespace EventSourced.Host.Http;

/// <summary>Turns a handler's result into a response: the problem if refused, otherwise the freshly projected view
/// (200, or 201 with a Location for creations).</summary>
public static class CommandResults
{
    public static Task<IResult> OkAsync<TView>(this CommandResult result, HttpContext context, Func<Guid, Task<TView?>> loadView) =>
        RespondAsync(result, context, loadView, (_, view) => Results.Ok(view));

    /// <summary>
    /// Runs a command on an existing resource and answers 200 with its view read inside the command's own commit, so a
    /// writer that won a race is answered with its own change even if another writer commits right after it.
    /// </summary>
    public static async Task<IResult> OkAtCommitAsync<TView>(this IDocumentSession session, HttpContext context, Guid id,
        Func<IQuerySession, Guid, CancellationToken, Task<TView?>> find, Func<Task<CommandResult>> command, CancellationToken cancellation)
        where TView : class
    {
        var view = ReadAtCommit<TView>.Register(session, (query, token) => find(query, id, token));
        return await (await command()).OkAsync(context, _ => view.ResultAsync(cancellation));
    }

    // Creations read after commit: the new id is first revealed in this very response, so no other writer can have
    // changed the resource in between.
    public static Task<IResult> CreatedAsync<TView>(this CommandResult result, HttpContext context, string collectionPath,
        Func<Guid, Task<TView?>> loadView) =>
        RespondAsync(result, context, loadView, (id, view) => Results.Created($"{collectionPath}/{id}", view));

    private static async Task<IResult> RespondAsync<TView>(CommandResult result, HttpContext context, Func<Guid, Task<TView?>> loadView,
        Func<Guid, TView, IResult> success)
    {
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }

        if (result.Version is { } version)
        {
            context.SetETag(version);
        }

        // The read table is written inline, in the transaction that just committed, so the view is already there.
        var view = await loadView(result.StreamId);
        return view is null
            ? Results.Problem($"Stream {result.StreamId} was saved but its read row is missing.", statusCode: StatusCodes.Status500InternalServerError)
            : success(result.StreamId, view);
    }
}
