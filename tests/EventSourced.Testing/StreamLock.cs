using Npgsql;

namespace EventSourced.Testing;

/// <summary>
/// Makes a race deterministic: holds a row lock on a stream's <c>mt_streams</c> row, so writers that have already
/// read the stream and decided all block at commit; once they are all waiting, releasing the lock lets them
/// collide on Marten's expected-version check.
/// </summary>
public sealed class StreamLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private bool _released;

    private StreamLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<StreamLock> HoldAsync(string connectionString, Guid streamId, string schema = "public")
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"select 1 from {schema}.mt_streams where id = @id for update", connection, transaction);
        command.Parameters.AddWithValue("id", streamId);
        await command.ExecuteScalarAsync();
        return new StreamLock(connection, transaction);
    }

    /// <summary>
    /// Runs <paramref name="writers"/> copies of <paramref name="write"/> against <paramref name="streamId"/> so that
    /// all of them have read the stream before any of them commits, then lets them commit together.
    /// </summary>
    public static Task<T[]> RaceAsync<T>(string connectionString, Guid streamId, int writers, Func<Task<T>> write) =>
        RaceAsync(connectionString, streamId, Enumerable.Repeat(write, writers).ToArray());

    /// <summary>Like the other overload, with different writers (e.g. a migration and a new campaign).</summary>
    public static async Task<T[]> RaceAsync<T>(string connectionString, Guid streamId, params Func<Task<T>>[] writers)
    {
        await using var streamLock = await HoldAsync(connectionString, streamId);
        var racing = writers.Select(write => write()).ToArray();
        await streamLock.WaitForBlockedWritersAsync(writers.Length, TimeSpan.FromSeconds(30));
        await streamLock.DisposeAsync();
        return await Task.WhenAll(racing);
    }

    /// <summary>Waits until <paramref name="writers"/> other sessions of this database are blocked on a lock.</summary>
    public async Task WaitForBlockedWritersAsync(int writers, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await using var probe = new NpgsqlConnection(_connection.ConnectionString);
        await probe.OpenAsync(deadline.Token);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", probe);
            if ((long)(await command.ExecuteScalarAsync(deadline.Token))! >= writers)
            {
                return;
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Releases the lock; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        await _transaction.RollbackAsync();
        await _connection.DisposeAsync();
    }
}
