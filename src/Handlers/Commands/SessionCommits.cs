using EventSourced.Domain.Common;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Npgsql;

namespace EventSourced.Handlers.Commands;

/// <summary>
/// For a caller that holds its own session rather than going through Wolverine (the repair and backfill commands, one session
/// per change; a library user calling a handler directly): commits it and turns the database's consistency checks into domain
/// conflicts: Marten's expected-version check (two writers on one stream), a stream id collision, and unique indexes on read
/// tables (written in the same transaction, so a violation rolls back the events too). The session is not to be used again
/// after a refused commit; a caller that wants the command decided again opens a new one (Wolverine's retries do).
/// </summary>
public static class SessionCommits
{
    public const string ConcurrentModification = "Concurrent modification";
    public const string DuplicateValue = "Duplicate value";

    /// <summary>Commits what a handler staged (<paramref name="staged"/>); a refusal is returned as it is, nothing to commit.</summary>
    public static async Task<CommandResult> CommitAsync(this IDocumentSession session, CommandResult staged, CancellationToken cancellation,
        long? expectedVersion = null)
    {
        if (!staged.IsAccepted)
        {
            return staged;
        }

        var committed = await session.CommitAsync(staged.StreamId, cancellation, expectedVersion);
        return committed.IsAccepted ? staged : committed;
    }

    /// <param name="expectedVersion">The version of <paramref name="streamId"/> the caller named (If-Match): a race lost on that
    /// stream is then a failed precondition (412), not a conflict to retry.</param>
    public static async Task<CommandResult> CommitAsync(this IDocumentSession session, Guid streamId, CancellationToken cancellation,
        long? expectedVersion = null)
    {
        try
        {
            await session.SaveChangesAsync(cancellation);
            return CommandResult.Accepted(streamId);
        }
        catch (Exception ex) when (ex is ConcurrencyException or ExistingStreamIdCollisionException)
        {
            // Npgsql redacts which stream lost the race; the caller's own stream tells: moved past the version it named,
            // the answer is a failed precondition; still there (another stream of the command moved), a conflict to retry.
            if (expectedVersion is { } expected && await CurrentVersionAsync(session, streamId, cancellation) is var current && current != expected)
            {
                return CommandResult.Rejected(streamId, DomainError.PreconditionFailed(streamId, expected, current));
            }

            return new CommandResult(streamId, DomainError.Conflict(ConcurrentModification,
                $"Stream {streamId} was changed by another request while this one was being decided; nothing was saved. Reload and retry."),
                Transient: true);
        }
        catch (Exception ex) when (UniqueViolation(ex) is { } violation)
        {
            return new CommandResult(streamId, DuplicateValueError(violation), Transient: true);
        }
    }

    private static async Task<long?> CurrentVersionAsync(IDocumentSession session, Guid streamId, CancellationToken cancellation)
    {
        await using var query = session.DocumentStore.QuerySession(session.TenantId);
        return (await query.Events.FetchStreamStateAsync(streamId, cancellation))?.Version;
    }

    /// <summary>A unique value taken by a request that committed first (a template key and version, a program key).</summary>
    public static DomainError DuplicateValueError(PostgresException violation) =>
        DomainError.Conflict(DuplicateValue, $"Another request saved the same unique value first ({violation.ConstraintName}); nothing was saved.");

    /// <summary>The unique-index violation behind <paramref name="ex"/> (Marten wraps it), if that is what it is.</summary>
    public static PostgresException? UniqueViolation(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } violation)
            {
                return violation;
            }
        }

        return null;
    }
}
