using EventSourced.Domain.Common;
using EventSourced.Handlers.Commands;
using EventSourced.Host.Http.Answers;
using JasperFx.Events;
using Marten;
using Wolverine.Marten;

namespace EventSourced.Host.Http;

/// <summary>
/// A command on one existing stream in Wolverine's aggregate workflow: the endpoint takes the stream Wolverine fetched for
/// writing (<c>[WriteAggregate("id", Required = false)] IEventStream&lt;TState&gt;</c>), this decides, and returns the events
/// for Wolverine to append and commit once (its transactional middleware; no endpoint commits by hand). A refusal returns
/// no events, so nothing is appended. The 200 carries the view as the commit left it and the new <c>ETag</c>; a race lost at
/// commit reaches <see cref="ConflictExceptionHandler"/> (409, or 412 when the request named a version).
/// </summary>
public static class AggregateWrites
{
    public static (Changed<TView>, Events) Decide<TState, TView>(HttpContext context, IDocumentSession session, Guid id, IEventStream<TState> stream,
        string aggregateName, Func<TState, long?, Decision> decide, Func<IQuerySession, Guid, CancellationToken, Task<TView?>> find)
        where TState : class
        where TView : class
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return (badIfMatch!, []);
        }

        if (stream.Aggregate is not { } state)
        {
            return (DomainError.NotFound(aggregateName, id).ToProblem(context), []);
        }

        // The version the client named is checked on the stream as fetched, and again at commit by Marten's optimistic check
        // on that same version.
        if (expectedVersion is { } expected && stream.StartingVersion != expected)
        {
            return (DomainError.PreconditionFailed(id, expected, stream.StartingVersion).ToProblem(context), []);
        }

        var decision = decide(state, expectedVersion);
        if (decision.Error is { } error)
        {
            return (error.ToProblem(context), []);
        }

        var view = ReadAtCommit<TView>.Register(session, (query, token) => find(query, id, token));
        return (Changed<TView>.AtCommit(new ViewAtCommit<TView, TState>(view, stream)), [.. decision.Events]);
    }

    /// <summary>
    /// A creation: decides on a new id (UUID v7) and returns the stream for Wolverine to start and commit once
    /// (<c>MartenOps.StartStream</c>), or nothing when refused. The 201 carries the Location, the view as the commit left it and
    /// the new stream's <c>ETag</c>; a unique value taken by a racing writer reaches <see cref="ConflictExceptionHandler"/> (409).
    /// </summary>
    public static (Created<TView>, IMartenOp) Start<TState, TView>(HttpContext context, IDocumentSession session, string collectionPath,
        Func<Guid, Decision> decide, Func<IQuerySession, Guid, CancellationToken, Task<TView?>> find)
        where TState : class
        where TView : class
    {
        var id = Guid.CreateVersion7();
        var decision = decide(id);
        if (decision.Error is { } error)
        {
            return (error.ToProblem(context), MartenOps.Nothing());
        }

        var view = ReadAtCommit<TView>.Register(session, (query, token) => find(query, id, token));
        return (Created<TView>.AtCommit(new RowAtCommit<TView>(view, decision.Events.Count, $"{collectionPath}/{id}")),
            MartenOps.StartStream<TState>(id, [.. decision.Events]));
    }
}
