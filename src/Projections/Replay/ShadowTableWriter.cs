using EventSourced.Projections.ReadTables;
using Npgsql;
using NpgsqlTypes;

namespace EventSourced.Projections.Replay;

/// <summary>
/// Writes folded rows into the shadow tables set-based: rows are buffered per table and written with PostgreSQL's binary
/// <c>COPY</c>, never one statement per event; the version each stream was folded to goes to <c>es_stream_versions</c>, so a
/// catch-up knows which streams moved on since.
/// </summary>
internal sealed class ShadowTableWriter(NpgsqlConnection connection, string shadowSchema, IReadOnlyList<ReadTableProjection> shadowProjections)
    : IReplaySink
{
    public const string StreamVersionsTable = "es_stream_versions";
    private const int BatchRows = 5000;

    private readonly List<object?[]>[] _buffers = shadowProjections.Select(_ => new List<object?[]>()).ToArray();
    private readonly List<StreamKey> _versions = [];

    public long RowsWritten { get; private set; }

    /// <summary>Time spent writing rows and versions (COPY), catch-up deletes included.</summary>
    public TimeSpan WriteTime { get; private set; }

    public static string CreateVersionsTableSql(string schema) =>
        $"create table {schema}.{StreamVersionsTable} (tenant_id text not null, id uuid not null, version bigint not null, primary key (tenant_id, id))";

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

        _versions.Add(stream);
        if (_versions.Count >= BatchRows)
        {
            await FlushVersionsAsync(cancellation);
        }
    }

    public async Task FlushAsync(CancellationToken cancellation)
    {
        for (var p = 0; p < _buffers.Length; p++)
        {
            await FlushTableAsync(p, cancellation);
        }

        await FlushVersionsAsync(cancellation);
    }

    /// <summary>Removes the rows and recorded versions of <paramref name="streams"/> (before they are folded again).</summary>
    public async Task ForgetAsync(IReadOnlyCollection<StreamKey> streams, CancellationToken cancellation)
    {
        var tenants = streams.Select(s => s.TenantId).ToArray();
        var ids = streams.Select(s => s.Id).ToArray();
        foreach (var table in shadowProjections.Select(p => p.TableName).Append($"{shadowSchema}.{StreamVersionsTable}"))
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

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var shape = shadowProjections[p].Shape;
        var columns = string.Join(", ", shape.Columns.Select(c => c.Name));
        await using (var importer = await connection.BeginBinaryImportAsync($"copy {shape.QualifiedName} ({columns}) from stdin (format binary)", cancellation))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellation);
                for (var c = 0; c < shape.Columns.Count; c++)
                {
                    await WriteAsync(importer, row[c], shape.Columns[c].DbType, cancellation);
                }
            }

            await importer.CompleteAsync(cancellation);
        }

        RowsWritten += rows.Count;
        rows.Clear();
        WriteTime += watch.Elapsed;
    }

    private async Task FlushVersionsAsync(CancellationToken cancellation)
    {
        if (_versions.Count == 0)
        {
            return;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync(
                         $"copy {shadowSchema}.{StreamVersionsTable} (tenant_id, id, version) from stdin (format binary)", cancellation))
        {
            foreach (var stream in _versions)
            {
                await importer.StartRowAsync(cancellation);
                await importer.WriteAsync(stream.TenantId, NpgsqlDbType.Text, cancellation);
                await importer.WriteAsync(stream.Id, NpgsqlDbType.Uuid, cancellation);
                await importer.WriteAsync(stream.Version, NpgsqlDbType.Bigint, cancellation);
            }

            await importer.CompleteAsync(cancellation);
        }

        _versions.Clear();
        WriteTime += watch.Elapsed;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type, CancellationToken cancellation) => value switch
    {
        null => importer.WriteNullAsync(cancellation),
        Guid v => importer.WriteAsync(v, type, cancellation),
        string v => importer.WriteAsync(v, type, cancellation),
        int v => importer.WriteAsync(v, type, cancellation),
        long v => importer.WriteAsync(v, type, cancellation),
        decimal v => importer.WriteAsync(v, type, cancellation),
        bool v => importer.WriteAsync(v, type, cancellation),
        DateOnly v => importer.WriteAsync(v, type, cancellation),
        DateTimeOffset v => importer.WriteAsync(v.ToUniversalTime(), type, cancellation), // timestamptz takes UTC; the instant is the same
        string[] v => importer.WriteAsync(v, type, cancellation),
        int[] v => importer.WriteAsync(v, type, cancellation),
        _ => throw new NotSupportedException($"A read-table value of type {value.GetType().Name} has no bulk-write mapping."),
    };
}
