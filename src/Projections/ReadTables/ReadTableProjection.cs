using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.ReadTables;

/// <summary>
/// An inline projection that writes one read table with plain SQL. Marten creates and migrates the table, and a
/// projection rebuild empties it before replaying the streams. Derived classes list their events (IncludeType) and
/// write <see cref="TableName"/> in ApplyAsync.
/// </summary>
/// <remarks>
/// Contract the integrity check and the targeted repair rely on: a row's key is the tenant and id of the stream whose
/// events write it (<see cref="TenantKeyedTable"/>), and the row depends on no other stream. So one stream can be
/// re-projected on its own. Rows are written through <see cref="Insert"/> and <see cref="Update"/>, which put the
/// event's tenant into the key, so no statement can touch another tenant's row.
/// </remarks>
public abstract class ReadTableProjection : EventProjection
{
    protected ReadTableProjection(Table table)
    {
        Name = table.Identifier.Name;
        Table = table;
        SchemaObjects.Add(table);
        Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        TableName = table.Identifier.QualifiedName;
    }

    /// <summary>The table's definition (columns, keys, indexes), in the schema this instance writes to.</summary>
    public Table Table { get; }

    /// <summary>The schema-qualified table name, for SQL.</summary>
    public string TableName { get; }

    /// <summary>The unqualified table name, e.g. <c>program_enrollments</c>; also the projection's name.</summary>
    public string TableShortName => Table.Identifier.Name;

    /// <summary>Inserts the row of <paramref name="e"/>'s stream, in <paramref name="e"/>'s tenant.</summary>
    /// <param name="columns">The columns after <c>tenant_id</c>, e.g. <c>id, name</c>.</param>
    /// <param name="values">Their value expressions, e.g. <c>?, ?::text</c>.</param>
    protected void Insert(IDocumentOperations operations, IEvent e, string columns, string values, params object[] parameters) =>
        operations.QueueSqlCommand($"insert into {TableName} ({TenantKeyedTable.TenantColumn}, {columns}) values (?, {values})",
            [e.TenantId, .. parameters]);

    /// <summary>Updates row <paramref name="id"/> of <paramref name="e"/>'s tenant.</summary>
    /// <param name="assignments">The <c>set</c> list, e.g. <c>status = ?, updated_at = ?</c>.</param>
    protected void Update(IDocumentOperations operations, IEvent e, Guid id, string assignments, params object[] parameters) =>
        operations.QueueSqlCommand($"update {TableName} set {assignments} where {TenantKeyedTable.TenantColumn} = ? and id = ?",
            [.. parameters, e.TenantId, id]);

    /// <summary>Whether this projection writes anything for events of <paramref name="eventType"/>.</summary>
    public bool Handles(Type eventType) => IncludedEventTypes.Any(included => included.IsAssignableFrom(eventType));
}
