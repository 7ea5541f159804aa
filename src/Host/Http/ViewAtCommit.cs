using JasperFx.Events;
using EventSourced.Handlers.Commands;

namespace EventSourced.Host.Http;

/// <summary>
/// The response of a command run by Wolverine's aggregate workflow: Wolverine appends the returned events and commits once,
/// then executes this result, which answers 200 with the view as that commit left it (read inside the commit) and the
/// stream's new version as <c>ETag</c>.
/// </summary>
public sealed class ViewAtCommit<TView, TState>(ReadAtCommit<TView> view, IEventStream<TState> stream) : IResult
    where TView : class
    where TState : class
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (stream.CurrentVersion is { } version)
        {
            httpContext.SetETag(version);
        }

        await Results.Ok(await view.ResultAsync(httpContext.RequestAborted)).ExecuteAsync(httpContext);
    }
}

/// <summary>A command whose events Wolverine commits (staged in the endpoint's session, or a new stream it starts): after the
/// commit, 200 (or 201 with a Location) with the row read inside that commit and the stream's new <c>ETag</c>.</summary>
public sealed class RowAtCommit<TView>(ReadAtCommit<TView> view, long? version, string? location) : IResult
    where TView : class
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (version is { } known)
        {
            httpContext.SetETag(known);
        }

        var row = await view.ResultAsync(httpContext.RequestAborted);
        await (location is null ? Results.Ok(row) : Results.Created(location, row)).ExecuteAsync(httpContext);
    }
}
