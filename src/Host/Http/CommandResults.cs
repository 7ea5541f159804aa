using EventSourced.Projections.Commands;

namespace EventSourced.Host.Http;

/// <summary>Turns a handler's result into a response: the problem if refused, otherwise the freshly projected view.</summary>
public static class CommandResults
{
    public static async Task<IResult> RespondAsync<TView>(this CommandResult result, HttpContext context,
        Func<Guid, Task<TView?>> loadView, Func<Guid, TView, IResult> success)
    {
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }

        // The read table is written inline, in the transaction that just committed, so the view is already there.
        var view = await loadView(result.StreamId);
        return view is null
            ? Results.Problem($"Stream {result.StreamId} was saved but its read row is missing.", statusCode: StatusCodes.Status500InternalServerError)
            : success(result.StreamId, view);
    }
}
