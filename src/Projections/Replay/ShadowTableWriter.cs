using EventSourced.Projections.ReadTables;
using Npgsql;
using NpgsqlTypes;

namespace EventSourced.Projections.Replay;

/// <summary>
/// Writes folded rows into the shadow tables set-based: rows are buffered per table and written with PostgreSQL's binary
/// <c>COPY</c>, never one statement per event. Everything goes through the rebuild's connection (in the switch, within its
/// transaction): a connection per table measured no faster on two cores, where the CPU PostgreSQL needs is the limit.
/// </summary>
internal sealed class ShadowTableWriter(NpgsqlConnection connection, IReadOnlyList<ReadTableProjection> shadowProjections)
    : IReplaySink
{
    private const int BatchRows = 20_000;

    private readonly List<object?[]>[] _buffers = shadowProjections.Select(_ => new List<object?[]>()).ToArray();
    private long _rowsWritten;
    private long _writeTicks;

    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    /// <summary>Time spent writing rows (COPY), catch-up deletes included.</summary>
    public TimeSpan WriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _writeTicks));

    public async ValueTask StreamFoldedAsync(StreamKey stream, IReadOnlyList<object?[]?> rows, CancellationToken cancellation)
    {
        for (var p = 0; p < rows.Count; p++)
        {
            if (rows[p] is { } row)
            {
                _buffers[p].Add(row);
                if (_buffers[p].Count >= BatchRows)
                {
                    await FlushTableAsync(p, cancellation);
                }
            }
        }
    }

    /// <summary>Writes what is buffered.</summary>
    public async Task FlushAsync(CancellationToken cancellation)
    {
        for (var p = 0; p < _buffers.Length; p++)
        {
            await FlushTableAsync(p, cancellation);
        }
    }

    private async Task WriteAsync(Func<NpgsqlConnection, Task> write)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await write(connection);
        Interlocked.Add(ref _writeTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
    }

    /// <summary>Removes the rows of <paramref name="streams"/> (before they are folded again).</summary>
    public async Task ForgetAsync(IReadOnlyCollection<StreamKey> streams, CancellationToken cancellation)
    {
        var tenants = streams.Select(s => s.TenantId).ToArray();
        var ids = streams.Select(s => s.Id).ToArray();
        foreach (var table in shadowProjections.Select(p => p.TableName))
        {
            await using var command = new NpgsqlCommand(
                $"delete from {table} t using unnest($1::text[], $2::uuid[]) as s(tenant_id, id) where t.tenant_id = s.tenant_id and t.id = s.id",
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = tenants });
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            await command.ExecuteNonQueryAsync(cancellation);
        }
    }

    private async Task FlushTableAsync(int p, CancellationToken cancellation)
    {
        var rows = _buffers[p];
        if (rows.Count == 0)
        {
            return;
        }

        _buffers[p] = [];
        var shape = shadowProjections[p].Shape;
        await WriteAsync(async target =>
        {
            var columns = string.Join(", ", shape.Columns.Select(c => c.Name));
            await using var importer = await target.BeginBinaryImportAsync($"copy {shape.QualifiedName} ({columns}) from stdin (format binary)", cancellation);
            // Synchronous writes: they only block when Npgsql's buffer is full, where an await per value cost more CPU than the rows.
            var types = shape.Columns.Select(c => c.DbType).ToArray();
            foreach (var row in rows)
            {
                cancellation.ThrowIfCancellationRequested();
                importer.StartRow();
                for (var c = 0; c < types.Length; c++)
                {
                    Write(importer, row[c], types[c]);
                }
            }

            await importer.CompleteAsync(cancellation);
            Interlocked.Add(ref _rowsWritten, rows.Count);
        });
    }

    private static void Write(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type)
    {
        switch (value)
        {
            case null: importer.WriteNull(); break;
            case Guid v: importer.Write(v, type); break;
            case string v: importer.Write(v, type); break;
            case int v: importer.Write(v, type); break;
            case long v: importer.Write(v, type); break;
            case decimal v: importer.Write(v, type); break;
            case bool v: importer.Write(v, type); break;
            case DateOnly v: importer.Write(v, type); break;
            case DateTimeOffset v: importer.Write(v.ToUniversalTime(), type); break; // timestamptz takes UTC; the instant is the same
            case string[] v: importer.Write(v, type); break;
            case int[] v: importer.Write(v, type); break;
            default: throw new NotSupportedException($"A read-table value of type {value.GetType().Name} has no bulk-write mapping.");
        }
    }
}
