using EventSourced.Domain.Common;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace EventSourced.Handlers.Commands;

/// <summary>
/// Fetches a stream for writing at the version the caller expects (<see cref="IExpectStreamVersion"/>): Marten checks it when
/// fetching and again at commit, so a caller that names a version is never answered with a decision taken on state it did
/// not see.
/// </summary>
public static class StreamPreconditions
{
    /// <summary>
    /// The stream for writing, or the refusal when <paramref name="expectedVersion"/> is set and the stream is elsewhere. An
    /// absent stream is returned as such (its <c>Aggregate</c> is null): the caller answers "not found", not "moved on".
    /// </summary>
    public static async Task<(IEventStream<T>? Stream, DomainError? Refusal)> FetchForWritingAsync<T>(this IDocumentSession session, Guid id,
        long? expectedVersion, CancellationToken cancellation)
        where T : class
    {
        if (expectedVersion is not { } expected)
        {
            return (await session.Events.FetchForWriting<T>(id, cancellation), null);
        }

        try
        {
            return (await session.Events.FetchForWriting<T>(id, expected, cancellation), null);
        }
        catch (ConcurrencyException)
        {
            var state = await session.Events.FetchStreamStateAsync(id, cancellation);
            return state is null
                ? (await session.Events.FetchForWriting<T>(id, cancellation), null)
                : (null, DomainError.PreconditionFailed(id, expected, state.Version));
        }
    }
}
