using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Replay;
using Marten.Storage;
using Npgsql;
using Weasel.Postgresql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// On request only (<c>--keep-scratch</c>): a schema holding the rows the streams fold to, written set-based by the replay on
/// a connection of its own, and kept after the check for investigating with psql. Its name is unique per run.
/// </summary>
internal sealed class ScratchSchema : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private ScratchSchema(NpgsqlConnection connection, string name, ShadowTableWriter writer)
    {
        _connection = connection;
        Name = name;
        Writer = writer;
    }

    public string Name { get; }

    public ShadowTableWriter Writer { get; }

    public static async Task<ScratchSchema> CreateAsync(IMartenDatabase database, IReadOnlyCollection<string> tables, CancellationToken cancellation)
    {
        var name = $"es_integrity_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
        var projections = ReadTableCatalog.For(name).Where(p => tables.Contains(p.TableShortName)).ToArray();
        var migrator = new PostgresqlMigrator();
        var ddl = $"create schema {name};\n" + string.Join(";\n", projections.Select(p => p.Table.ToCreateSql(migrator)));
        var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(ddl, connection);
        await command.ExecuteNonQueryAsync(cancellation);
        return new ScratchSchema(connection, name, new ShadowTableWriter(connection, projections));
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
