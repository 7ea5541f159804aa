using EventSourced.Projections.ReadTables;
using Npgsql;
using Weasel.Postgresql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// A throwaway schema holding a second copy of the read tables (same DDL, same projection code), which the check
/// replays the streams into. Its name is unique per run, so concurrent checks never meet; it is dropped afterwards.
/// </summary>
internal sealed class ScratchSchema : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly bool _keep;

    private ScratchSchema(NpgsqlConnection connection, string name, IReadOnlyList<ReadTableProjection> projections, bool keep)
    {
        _connection = connection;
        Name = name;
        Projections = projections;
        _keep = keep;
    }

    public string Name { get; }

    /// <summary>The read-table projections, writing into this schema.</summary>
    public IReadOnlyList<ReadTableProjection> Projections { get; }

    public ReadTableProjection For(string table) => Projections.Single(p => p.TableShortName == table);

    public static async Task<ScratchSchema> CreateAsync(NpgsqlConnection connection, IReadOnlyCollection<string> tables, bool keep,
        CancellationToken cancellation)
    {
        var name = $"es_integrity_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
        var projections = ReadTableCatalog.For(name).Where(p => tables.Contains(p.TableShortName)).ToArray();
        var migrator = new PostgresqlMigrator();
        var ddl = $"create schema {name};\n" + string.Join(";\n", projections.Select(p => p.Table.ToCreateSql(migrator)));
        await using var command = new NpgsqlCommand(ddl, connection);
        await command.ExecuteNonQueryAsync(cancellation);
        return new ScratchSchema(connection, name, projections, keep);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"drop schema if exists {Name} cascade", _connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
