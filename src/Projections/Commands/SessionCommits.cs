using EventSourced.Domain.Common;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Npgsql;

namespace EventSourced.Projections.Commands;

/// <summary>
/// Commits a session and turns the database's consistency checks into domain conflicts: Marten's expected-version
/// check (two writers on one stream), a stream id collision, and unique indexes on read tables (which are written in
/// the same transaction, so a violation rolls back the events too).
/// </summary>
public static class SessionCommits
{
    public const string ConcurrentModification = "Concurrent modification";
    public const string DuplicateValue = "Duplicate value";

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
            // Drop the refused operations: a host that commits the session again afterwards (Wolverine's
            // transactional middleware does) must find nothing left to save.
            session.EjectAllPendingChanges();
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
            session.EjectAllPendingChanges();
            return new CommandResult(streamId, DuplicateValueError(violation), Transient: true);
        }
    }

    /// <summary>
    /// Runs a whole load-decide-append-commit attempt again while it fails only because a concurrent writer got there
    /// first. For commands whose outcome does not depend on winning the race (a new campaign, a new program key);
    /// never for commands that must report the race (two publishes of one draft).
    /// </summary>
    public static async Task<CommandResult> RetryOnRaceAsync(Func<Task<CommandResult>> attempt, int maxAttempts = 25)
    {
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            var result = await attempt();
            if (!result.Transient || attemptNumber >= maxAttempts)
            {
                return result;
            }
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
