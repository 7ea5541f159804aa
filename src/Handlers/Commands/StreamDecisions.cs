using EventSourced.Domain.Common;
using Marten;

namespace EventSourced.Handlers.Commands;

/// <summary>The common shape of a command on one existing stream: fetch it for writing (404 if absent, 412 if not at the
/// version the caller expects), decide, append. The caller's commit (Wolverine's, once) checks the version again.</summary>
public static class StreamDecisions
{
    public static async Task<CommandResult> DecideAsync<TState>(this IDocumentSession session, Guid streamId, string aggregateName,
        Func<TState, Decision> decide, CancellationToken cancellation, long? expectedVersion = null)
        where TState : class
    {
        var (stream, refusal) = await session.FetchForWritingAsync<TState>(streamId, expectedVersion, cancellation);
        if (refusal is not null)
        {
            return CommandResult.Rejected(streamId, refusal);
        }

        if (stream?.Aggregate is not { } state)
        {
            return CommandResult.Rejected(streamId, DomainError.NotFound(aggregateName, streamId));
        }

        var decision = decide(state);
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(streamId, error);
        }

        stream.AppendMany(decision.Events);
        return CommandResult.Accepted(streamId).AtVersion(stream.CurrentVersion);
    }
}
