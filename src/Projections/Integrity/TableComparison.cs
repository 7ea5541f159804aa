using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Replay;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// Compares each read table with what the streams fold to, as a merge of two ordered sequences: the replay's rows, stream by
/// stream in key order, against the live rows read through a cursor in the same order. A row only the replay has is
/// missing, one only the table has is extra (no stream produces it), one both have is compared column by column. Counts are
/// exact, listed details capped; the values of a listed mismatch are rendered as PostgreSQL text in the check's snapshot.
/// </summary>
internal sealed class TableComparison(NpgsqlConnection liveConnection, IReadOnlyList<LiveRowCursor> cursors, int maxDetails)
{
    private readonly Dictionary<string, Tally[]> _byTenant = new(StringComparer.Ordinal);
    private readonly List<(string Tenant, int Table, Guid Id, string Column, object? Expected)> _toRender = [];

    /// <summary>Advances every table to the stream's key and compares the stream's rows (one per table, null when none).</summary>
    public async ValueTask CompareAsync(StreamKey stream, IReadOnlyList<object?[]?> expectedRows, CancellationToken cancellation)
    {
        for (var t = 0; t < cursors.Count; t++)
        {
            var cursor = cursors[t];
            var shape = cursor.Table.Shape;
            await SkipExtraRowsBeforeAsync(t, stream.TenantId, stream.Id, cancellation);
            var live = await cursor.PeekAsync(cancellation);
            var expected = expectedRows[t];
            var matches = live is not null && KeyOrder.Compare((string)live[shape.TenantOrdinal]!, (Guid)live[shape.IdOrdinal]!, stream.TenantId, stream.Id) == 0;
            if (matches)
            {
                cursor.Take();
            }

            if (expected is null && !matches)
            {
                continue;
            }

            var tally = TallyOf(stream.TenantId, t);
            if (expected is null)
            {
                tally.Actual++;
                tally.AddExtra(stream.Id, maxDetails);
            }
            else if (!matches)
            {
                tally.Expected++;
                tally.AddMissing(stream.Id, maxDetails);
            }
            else
            {
                tally.Expected++;
                tally.Actual++;
                Compare(stream.TenantId, t, stream.Id, expected, live!, tally);
            }
        }
    }

    /// <summary>Steps every table past the stream's key without comparing (a stream the caller knows to be in flux).</summary>
    public async ValueTask SkipAsync(StreamKey stream, CancellationToken cancellation)
    {
        for (var t = 0; t < cursors.Count; t++)
        {
            await SkipExtraRowsBeforeAsync(t, stream.TenantId, stream.Id, cancellation);
            var shape = cursors[t].Table.Shape;
            if (await cursors[t].PeekAsync(cancellation) is { } live &&
                KeyOrder.Compare((string)live[shape.TenantOrdinal]!, (Guid)live[shape.IdOrdinal]!, stream.TenantId, stream.Id) == 0)
            {
                cursors[t].Take();
            }
        }
    }

    /// <summary>The live rows after the last stream are extra; then the listed mismatches are rendered as PostgreSQL text.</summary>
    public async Task FinishAsync(CancellationToken cancellation)
    {
        for (var t = 0; t < cursors.Count; t++)
        {
            await SkipExtraRowsBeforeAsync(t, null, Guid.Empty, cancellation);
        }

        foreach (var (tenant, table, id, column, expected) in _toRender)
        {
            var shape = cursors[table].Table.Shape;
            var type = shape.Columns[shape.OrdinalOf(column)].SqlType;
            await using var command = new NpgsqlCommand(
                $"select $1::{type}::text, (select t.{column}::text from {cursors[table].Table.TableName} t " +
                $"where t.{TenantKeyedTable.TenantColumn} = $2 and t.id = $3)", liveConnection);
            command.Parameters.Add(new NpgsqlParameter { Value = expected ?? DBNull.Value, NpgsqlDbType = shape.Columns[shape.OrdinalOf(column)].DbType });
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            await reader.ReadAsync(cancellation);
            TallyOf(tenant, table).Mismatches.Add(new ColumnMismatch(id, column, reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1)));
        }
    }

    /// <summary>The tenants with a replayed row or a live row in any compared table.</summary>
    public IEnumerable<string> Tenants => _byTenant.Keys;

    public IReadOnlyList<TableReport> ReportsOf(string tenant) => cursors.Select((c, t) =>
    {
        var tally = _byTenant.TryGetValue(tenant, out var tallies) ? tallies[t] : new Tally();
        return new TableReport(c.Table.TableShortName, tally.Expected, tally.Actual, tally.MissingCount, tally.ExtraCount, tally.MismatchCount,
            tally.Missing, tally.Extra, [.. tally.Mismatches]);
    }).ToArray();

    private async Task SkipExtraRowsBeforeAsync(int t, string? tenant, Guid id, CancellationToken cancellation)
    {
        var cursor = cursors[t];
        var shape = cursor.Table.Shape;
        while (await cursor.PeekAsync(cancellation) is { } live)
        {
            var (liveTenant, liveId) = ((string)live[shape.TenantOrdinal]!, (Guid)live[shape.IdOrdinal]!);
            if (tenant is not null && KeyOrder.Compare(liveTenant, liveId, tenant, id) >= 0)
            {
                return;
            }

            cursor.Take();
            var tally = TallyOf(liveTenant, t);
            tally.Actual++;
            tally.AddExtra(liveId, maxDetails);
        }
    }

    private void Compare(string tenant, int t, Guid id, object?[] expected, object?[] live, Tally tally)
    {
        var shape = cursors[t].Table.Shape;
        List<ColumnShape>? differing = null; // allocated only for a row that differs
        for (var c = 0; c < expected.Length; c++)
        {
            if (c != shape.TenantOrdinal && c != shape.IdOrdinal && !ReadTableRows.ValuesEqual(expected[c], live[c], shape.Columns[c].DbType))
            {
                (differing ??= []).Add(shape.Columns[c]);
            }
        }

        foreach (var column in differing?.OrderBy(d => d.Name, StringComparer.Ordinal) ?? Enumerable.Empty<ColumnShape>())
        {
            if (tally.MismatchCount++ < maxDetails)
            {
                _toRender.Add((tenant, t, id, column.Name, expected[shape.OrdinalOf(column.Name)]));
            }
        }
    }

    private Tally TallyOf(string tenant, int table)
    {
        if (!_byTenant.TryGetValue(tenant, out var tallies))
        {
            _byTenant[tenant] = tallies = cursors.Select(_ => new Tally()).ToArray();
        }

        return tallies[table];
    }

    private sealed class Tally
    {
        public long Expected { get; set; }

        public long Actual { get; set; }

        public long MissingCount { get; private set; }

        public long ExtraCount { get; private set; }

        public long MismatchCount { get; set; }

        public List<Guid> Missing { get; } = [];

        public List<Guid> Extra { get; } = [];

        public List<ColumnMismatch> Mismatches { get; } = [];

        public void AddMissing(Guid id, int max)
        {
            if (MissingCount++ < max)
            {
                Missing.Add(id);
            }
        }

        public void AddExtra(Guid id, int max)
        {
            if (ExtraCount++ < max)
            {
                Extra.Add(id);
            }
        }
    }
}
