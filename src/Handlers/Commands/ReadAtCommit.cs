using JasperFx;
using Marten;
using Marten.Services;
using Npgsql;

namespace EventSourced.Handlers.Commands;

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
    private (Guid StreamId, long Version)? _unchanged;

    /// <summary>
    /// Enlists the read for a decision that changes nothing (a probability resent as it is): the session is given a statement so
    /// that it still commits, and the read first locks the stream's row and checks it is still at <paramref name="version"/>, the
    /// version the decision was taken on. Moved on: <see cref="ConcurrencyException"/>, so the command is decided again (Wolverine's
    /// retry) instead of answering with a row a later writer committed.
    /// </summary>
    public static ReadAtCommit<TView> RegisterUnchanged(IDocumentSession session, Guid streamId, long version,
        Func<IQuerySession, CancellationToken, Task<TView?>> read)
    {
        var participant = Register(session, read);
        participant._unchanged = (streamId, version);
        session.QueueSqlCommand("select 1");
        return participant;
    }

    /// <summary>Whether the view was read inside the commit (false until the session commits, and if it saved nothing).</summary>
    public bool HasRead { get; private set; }

    /// <summary>Enlists the read in the session's next commit (a session that cannot enlist is read after commit).</summary>
    public static ReadAtCommit<TView> Register(IDocumentSession session, Func<IQuerySession, CancellationToken, Task<TView?>> read)
    {
        var participant = new ReadAtCommit<TView>(session, read);
        (session as ITransactionParticipantRegistrar)?.AddTransactionParticipant(participant);
        return participant;
    }

    /// <summary>The view as the commit left it (null until <see cref="HasRead"/>).</summary>
    public TView? View => _view;

    /// <summary>The view as the commit left it, or (when the session saved nothing) as it is now.</summary>
    public async Task<TView?> ResultAsync(CancellationToken cancellation) => HasRead ? _view : await _read(_session, cancellation);

    public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
    {
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = _session.TenantId;
        await using var query = _session.DocumentStore.QuerySession(options);
        try
        {
            if (_unchanged is { } unchanged)
            {
                await EnsureUnchangedAsync(connection, transaction, unchanged.StreamId, unchanged.Version, token);
            }

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

    // A share lock on the stream's row: a writer appending to it meanwhile waits for this commit, so the row read next is the one
    // at this version.
    private async Task EnsureUnchangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid streamId, long version,
        CancellationToken token)
    {
        var schema = _session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand($"select version from {schema}.mt_streams where id = $1 for share", connection, transaction)
        {
            Parameters = { new NpgsqlParameter { Value = streamId } },
        };
        var current = await command.ExecuteScalarAsync(token);
        if (current is not long now || now != version)
        {
            throw new ConcurrencyException($"Stream {streamId} moved from version {version} while a decision that changes nothing was being answered.",
                typeof(TView), streamId);
        }
    }
}
