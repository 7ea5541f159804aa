using Marten;

namespace EventSourced.Handlers.Programs;

/// <summary>
/// Serializes the campaign creates of one program in PostgreSQL (a transaction-scoped advisory lock keyed by the program):
/// each create appends <c>CampaignDeployed</c> to the program's stream, which the migration reads to rebase every campaign,
/// so concurrent creates used to collide on the stream's version and, past the retries, be refused. Taken first, before the
/// program is read, it makes them queue for the few milliseconds each holds it, on every node sharing the database, instead;
/// the migration takes it too, so it waits its turn instead of losing every race to a burst of creates (the version check
/// still orders both against any other write to the program's stream).
/// </summary>
public static class ProgramWriteLock
{
    /// <summary>Opens the session's transaction now and waits for the program's lock; held until the session commits or rolls back.</summary>
    public static async Task AcquireAsync(IDocumentSession session, Guid programId, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        await session.AdvancedSql.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(hashtextextended(?, 20261204))) as locked", cancellation,
            $"program:{programId}");
    }
}
