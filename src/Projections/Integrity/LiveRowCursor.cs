using EventSourced.Projections.ReadTables;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// One live read table's rows in key order (<see cref="KeyOrder"/>), through a server-side cursor fetched a page at a time, so
/// the comparison holds one page per table whatever the table's size. All cursors of a check share one transaction (and so
/// one snapshot); <see cref="ReadTableRows.Read"/> gives each column the .NET type the fold gives it.
/// </summary>
internal sealed class LiveRowCursor(NpgsqlConnection connection, ReadTableProjection table, string cursor, int pageSize = 2000)
{
    private readonly List<object?[]> _page = [];
    private int _next;
    private bool _exhausted;

    public ReadTableProjection Table => table;

    /// <summary>Declares the cursor; <paramref name="filter"/> (SQL on the row's <c>tenant_id</c> and <c>id</c>, may be empty)
    /// limits the rows the way the replay's scope limits the streams.</summary>
    public async Task OpenAsync(string filter, IReadOnlyList<object> parameters, CancellationToken cancellation)
    {
        var columns = string.Join(", ", table.Shape.Columns.Select(c => c.Name));
        await using var command = new NpgsqlCommand(
            $"declare {cursor} no scroll cursor for select {columns} from {table.TableName} t {(filter.Length == 0 ? "" : $"where {filter}")} " +
            $"order by t.{TenantKeyedTable.TenantColumn} collate \"C\", t.id", connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The next row without taking it, or null at the end.</summary>
    public async ValueTask<object?[]?> PeekAsync(CancellationToken cancellation)
    {
        if (_next < _page.Count)
        {
            return _page[_next];
        }

        if (_exhausted)
        {
            return null;
        }

        _page.Clear();
        _next = 0;
        await using var command = new NpgsqlCommand($"fetch forward {pageSize} from {cursor}", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            _page.Add(ReadTableRows.Read(reader, table.Shape));
        }

        _exhausted = _page.Count < pageSize;
        return _page.Count > 0 ? _page[0] : null;
    }

    public void Take() => _next++;
}
