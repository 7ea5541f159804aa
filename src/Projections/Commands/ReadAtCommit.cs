using Marten;
using Marten.Services;
using Npgsql;

namespace EventSourced.Projections.Commands;

/// <summary>
/// Reads a view inside the transaction that commits a command: after its events and inline read rows are written, before
/// the commit. The answer to a write is then the row exactly as that write left it, never a later writer's row that
/// committed in between (read after commit, 64 concurrent edits could each be answered with someone else's name).
/// Nothing is read when the session had nothing to save; <see cref="HasRead"/> tells the caller to read afterwards.
/// </summary>
public sealed class ReadAtCommit<TView> : ITransactionParticipant
    where TView : class
{
    private readonly IDocumentSession _session;
    private readonly Func<IQuerySession, CancellationToken, Task<TView?>> _read;

    private ReadAtCommit(IDocumentSession session, Func<IQuerySession, CancellationToken, Task<TView?>> read)
    {
        _session = session;
        _read = read;
    }

    private TView? _view;

    /// <summary>Whether the view was read inside the commit (false until the session commits, and if it saved nothing).</summary>
    public bool HasRead { get; private set; }

    /// <summary>Enlists the read in the session's next commit (a session that cannot enlist is read after commit).</summary>
    public static ReadAtCommit<TView> Register(IDocumentSession session, Func<IQuerySession, CancellationToken, Task<TView?>> read)
    {
        var participant = new ReadAtCommit<TView>(session, read);
        (session as ITransactionParticipantRegistrar)?.AddTransactionParticipant(participant);
        return participant;
    }

    /// <summary>The view as the commit left it, or (when the session saved nothing) as it is now.</summary>
    public async Task<TView?> ResultAsync(CancellationToken cancellation) => HasRead ? _view : await _read(_session, cancellation);

    public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
    {
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = _session.TenantId;
        await using var query = _session.DocumentStore.QuerySession(options);
        try
        {
            _view = await _read(query, token);
        }
        catch (InvalidOperationException ex) when (connection.State != System.Data.ConnectionState.Open)
        {
            // The server went away between the writes and this read (Npgsql then says "Connection is not open"): the same
            // outage as any other, so hosts answer 503 and retry, not 500. Nothing was committed.
            throw new NpgsqlException("The connection to PostgreSQL broke during the commit; nothing was saved.", ex);
        }

        HasRead = true;
    }
}
