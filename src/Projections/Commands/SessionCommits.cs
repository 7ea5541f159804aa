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

    public static async Task<CommandResult> CommitAsync(this IDocumentSession session, Guid streamId, CancellationToken cancellation)
    {
        try
        {
            await session.SaveChangesAsync(cancellation);
            return CommandResult.Accepted(streamId);
        }
        catch (Exception ex) when (IsConcurrencyConflict(ex))
        {
            // Drop the refused operations: a host that commits the session again afterwards (Wolverine's
            // transactional middleware does) must find nothing left to save.
            session.EjectAllPendingChanges();
            return CommandResult.Rejected(streamId, DomainError.Conflict(ConcurrentModification,
                $"Stream {streamId} was changed by another request while this one was being decided; nothing was saved. Reload and retry."));
        }
        catch (Exception ex) when (UniqueViolation(ex) is { } violation)
        {
            session.EjectAllPendingChanges();
            return CommandResult.Rejected(streamId, DomainError.Conflict("Duplicate value",
                $"Another request saved the same unique value first ({violation.ConstraintName}: {violation.Detail}); nothing was saved."));
        }
    }

    private static bool IsConcurrencyConflict(Exception ex) => ex is ConcurrencyException or ExistingStreamIdCollisionException;

    private static PostgresException? UniqueViolation(Exception? ex)
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
