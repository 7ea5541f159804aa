using System.Data;
using Marten.Storage;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// The two connections of a check, in one snapshot: <see cref="Rows"/> opens a repeatable-read transaction and exports its
/// snapshot, <see cref="Events"/> imports it. Inline projections commit a stream's events and rows together, so in one
/// snapshot the log and the tables agree unless something drifted; a write that commits during the check is in neither.
/// </summary>
internal sealed class CheckSnapshot : IAsyncDisposable
{
    private readonly NpgsqlTransaction _rowsTransaction;
    private readonly NpgsqlTransaction _eventsTransaction;

    private CheckSnapshot(NpgsqlConnection rows, NpgsqlTransaction rowsTransaction, NpgsqlConnection events, NpgsqlTransaction eventsTransaction)
    {
        (Rows, _rowsTransaction, Events, _eventsTransaction) = (rows, rowsTransaction, events, eventsTransaction);
    }

    public NpgsqlConnection Rows { get; }

    public NpgsqlConnection Events { get; }

    public static async Task<CheckSnapshot> OpenAsync(IMartenDatabase database, CancellationToken cancellation)
    {
        var rows = database.CreateConnection();
        var events = database.CreateConnection();
        try
        {
            await rows.OpenAsync(cancellation);
            await events.OpenAsync(cancellation);
            var rowsTransaction = await rows.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
            var snapshot = (string)(await Scalar(rows, "select pg_export_snapshot()", cancellation))!;
            var eventsTransaction = await events.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
            await Scalar(events, $"set transaction snapshot '{snapshot}'", cancellation);
            return new CheckSnapshot(rows, rowsTransaction, events, eventsTransaction);
        }
        catch
        {
            await rows.DisposeAsync();
            await events.DisposeAsync();
            throw;
        }
    }

    /// <summary>The streams (of <paramref name="tenant"/> when set) with an event matching <paramref name="condition"/> on
    /// <c>mt_events e</c>, whose one parameter is <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<(string TenantId, Guid Id)>> StreamsAsync(string eventsSchema, string? tenant, string condition, object value,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select distinct e.tenant_id, e.stream_id from {eventsSchema}.mt_events e where e.is_archived = false and {condition}" +
            (tenant is null ? string.Empty : " and e.tenant_id = $2"), Rows) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        if (tenant is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        }

        var streams = new List<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            streams.Add((reader.GetString(0), reader.GetGuid(1)));
        }

        return streams;
    }

    /// <summary>
    /// The streams with an event written by transaction <paramref name="transactionXmin"/> or a later one (a recorded
    /// <see cref="MarkAsync"/>), or null when that is too far back to tell (then the check is a full one). <c>age(xmin)</c>
    /// counts from this transaction's own id, so the comparison holds across transaction id wraparound.
    /// </summary>
    public async Task<IReadOnlyList<(string TenantId, Guid Id)>?> StreamsWrittenSinceAsync(string eventsSchema, string? tenant, long transactionXmin,
        CancellationToken cancellation)
    {
        var window = (long)(await Scalar(Rows, "select pg_current_xact_id()::text::bigint", cancellation))! - transactionXmin;
        return window is < 0 or >= int.MaxValue
            ? null
            : await StreamsAsync(eventsSchema, tenant, "age(e.xmin) <= $1", (int)window, cancellation);
    }

    /// <summary>The oldest transaction this snapshot may not see: every earlier one had finished, and is in the check.</summary>
    public async Task<long> MarkAsync(CancellationToken cancellation) =>
        (long)(await Scalar(Rows, "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint", cancellation))!;

    public async ValueTask DisposeAsync()
    {
        await _eventsTransaction.DisposeAsync();
        await _rowsTransaction.DisposeAsync();
        await Events.DisposeAsync();
        await Rows.DisposeAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellation);
    }
}
