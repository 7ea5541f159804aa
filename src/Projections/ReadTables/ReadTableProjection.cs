using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.ReadTables;

/// <summary>
/// One read table as a pure fold: <see cref="Change"/> says what an event does to its stream's row. The inline path applies
/// that change as one SQL statement in the command's transaction; the replay engine folds the same changes in memory and
/// writes whole rows set-based. One implementation of what a row looks like, two ways of applying it. Marten creates and
/// migrates the table from <see cref="Table"/>.
/// </summary>
/// <remarks>
/// Contract the integrity check, the targeted repair and the replay engine rely on: a row's key is the tenant and id of the
/// stream whose events write it (<see cref="TenantKeyedTable"/>), and the row depends on no other stream. So one stream can
/// be re-projected on its own, and every row is the fold of its own stream's events.
/// </remarks>
public abstract class ReadTableProjection : EventProjection
{
    protected ReadTableProjection(Table table)
    {
        Name = table.Identifier.Name;
        Table = table;
        Shape = new ReadTableShape(table);
        SchemaObjects.Add(table);
        Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        TableName = table.Identifier.QualifiedName;
    }

    /// <summary>The table's definition (columns, keys, indexes), in the schema this instance writes to.</summary>
    public Table Table { get; }

    /// <summary>The table's columns and how a change is applied to them.</summary>
    public ReadTableShape Shape { get; }

    /// <summary>The schema-qualified table name, for SQL.</summary>
    public string TableName { get; }

    /// <summary>The unqualified table name, e.g. <c>program_enrollments</c>; also the projection's name.</summary>
    public string TableShortName => Table.Identifier.Name;

    /// <summary>What <paramref name="e"/> does to its stream's row in this table, or null when nothing. Pure.</summary>
    public abstract RowChange? Change(IEvent e);

    /// <summary>The inline path: the event's change as one statement, in the transaction that appends the event.</summary>
    public sealed override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (Change(e) is { } change)
        {
            var (sql, parameters) = Shape.Statement(change);
            operations.QueueSqlCommand(sql, parameters);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Creates the row of <paramref name="e"/>'s stream, in <paramref name="e"/>'s tenant.</summary>
    protected static RowChange Insert(IEvent e, Guid id, params ColumnValue[] values) => new(RowChangeKind.Insert, e.TenantId, id, values);

    /// <summary>Sets columns of row <paramref name="id"/> of <paramref name="e"/>'s tenant.</summary>
    protected static RowChange Update(IEvent e, Guid id, params ColumnValue[] values) => new(RowChangeKind.Update, e.TenantId, id, values);

    /// <summary>Whether this projection writes anything for events of <paramref name="eventType"/>.</summary>
    /// <remarks>Asked for every event of a replay, so answered from a cache.</remarks>
    public bool Handles(Type eventType) => _handles.GetOrAdd(eventType, type => IncludedEventTypes.Any(included => included.IsAssignableFrom(type)));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> _handles = new();
}
